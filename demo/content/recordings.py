"""The recordings of the six demo oral histories, with their transcripts, index points
and consent. Pure data, read by demo/loader.py (see SCHEMA.md, "Recordings").

The audio files are in demo/media/recordings/ and the transcripts in
demo/media/transcripts/; demo/media/recordings/README.md says how both were made.
Every index point starts where a line of the original transcript starts, and the
redacted passage is exactly one line: tests/test_demo.py checks both against the files.

Consent across the six: three public (one with a redacted name, heard from a copy
with that passage silenced), one for the
"Tunisians of Marseille" community only, one restricted to the archive and one public
but embargoed until 2031.
"""

COMMUNITIES = [
    {
        "slug": "tunisians-of-marseille",
        "name": {
            "en": "Tunisians of Marseille",
            "fr": "Tunisiens de Marseille",
            "de": "Tunesier in Marseille",
            "ar": "تونسيو مرسيليا",
        },
        "introduction": {
            "en": "Memories recorded by and for the Tunisian community of Marseille. Its historians add new interviews here.",
            "fr": "Des souvenirs enregistrés par et pour la communauté tunisienne de Marseille. Ses historiens y ajoutent de nouveaux entretiens.",
            "de": "Erinnerungen, aufgenommen von und für die tunesische Gemeinschaft in Marseille. Ihre Historikerinnen und Historiker fügen hier neue Interviews hinzu.",
            "ar": "ذكريات سجّلها أبناء الجالية التونسية في مرسيليا ومن أجلهم. يضيف مؤرّخوها مقابلات جديدة هنا.",
        },
    },
]

RECORDINGS = {
    "from-sfax-to-the-vieux-port": {
        "file": "from-sfax-to-the-vieux-port.opus",
        "transcripts": [
            {"file": "from-sfax-to-the-vieux-port.fr.vtt", "language": "fr", "original": True},
            {"file": "from-sfax-to-the-vieux-port.en.vtt", "language": "en", "original": False},
            {"file": "from-sfax-to-the-vieux-port.ar.vtt", "language": "ar", "original": False},
        ],
        "scope": "public",
        "consent_notes": (
            "Consent form signed by Fatma Ben Salah on 14 March 2018: the recording, its "
            "transcripts and translations may be published online."
        ),
        "index_points": [
            {
                "start": 3.896,
                "title": {
                    "en": "The crossing from Tunis",
                    "fr": "La traversée depuis Tunis",
                    "de": "Die Überfahrt von Tunis",
                    "ar": "العبور من تونس",
                },
                "synopsis": {
                    "en": (
                        "Fatma Ben Salah recalls the boat from Tunis in October 1962, the suitcase of "
                        "embroidered linen her mother packed and her first sight of Marseille: "
                        "Notre-Dame-de-la-Garde, golden in the morning light."
                    ),
                    "fr": (
                        "Fatma Ben Salah se souvient du bateau venu de Tunis en octobre 1962, de la "
                        "valise de linge brodé préparée par sa mère et de sa première vision de "
                        "Marseille : Notre-Dame-de-la-Garde, dorée dans la lumière du matin."
                    ),
                    "de": (
                        "Fatma Ben Salah erinnert sich an das Schiff aus Tunis im Oktober 1962, an den "
                        "Koffer mit bestickter Wäsche, den ihre Mutter gepackt hatte, und an ihren "
                        "ersten Blick auf Marseille: Notre-Dame-de-la-Garde, golden im Morgenlicht."
                    ),
                    "ar": (
                        "تستعيد فاطمة بن صالح الباخرة القادمة من تونس في أكتوبر 1962، والحقيبة المليئة "
                        "بالبياضات المطرّزة التي أعدّتها لها أمّها، وأول نظرة ألقتها على مرسيليا حين "
                        "بدت كنيسة نوتردام دو لا غارد مذهّبة في ضوء الصباح."
                    ),
                },
                "keywords": {
                    "en": "crossing; ship; embroidered linen; Notre-Dame-de-la-Garde",
                    "fr": "traversée; bateau; linge brodé; Notre-Dame-de-la-Garde",
                    "de": "Überfahrt; Schiff; bestickte Wäsche; Notre-Dame-de-la-Garde",
                    "ar": "العبور; الباخرة; البياضات المطرّزة; نوتردام دو لا غارد",
                },
                "places": ["mediterranean"],
            },
            {
                "start": 16.339,
                "title": {
                    "en": "A flat near the Vieux-Port",
                    "fr": "Un appartement près du Vieux-Port",
                    "de": "Eine Wohnung am Vieux-Port",
                    "ar": "شقة قرب الميناء القديم",
                },
                "synopsis": {
                    "en": (
                        "The small flat near the Vieux-Port, and the neighbours who taught her to make "
                        "soupe au pistou and bouillabaisse."
                    ),
                    "fr": (
                        "Le petit appartement près du Vieux-Port, et les voisines qui lui ont appris "
                        "la soupe au pistou et la bouillabaisse."
                    ),
                    "de": (
                        "Die kleine Wohnung am Vieux-Port und die Nachbarinnen, die ihr beibrachten, "
                        "Soupe au Pistou und Bouillabaisse zu kochen."
                    ),
                    "ar": (
                        "الشقة الصغيرة قرب الميناء القديم، والجارات اللواتي علّمنها طهي حساء البيستو "
                        "والبويابيس."
                    ),
                },
                "keywords": {
                    "en": "neighbours; housing; Provençal cooking",
                    "fr": "voisinage; logement; cuisine provençale",
                    "de": "Nachbarschaft; Wohnen; provenzalische Küche",
                    "ar": "الجيران; السكن; المطبخ البروفنسي",
                },
                "places": ["vieux-port"],
            },
            {
                "start": 23.093,
                "title": {
                    "en": "Sunday letters to Sfax",
                    "fr": "Chaque dimanche, une lettre pour Sfax",
                    "de": "Sonntagsbriefe nach Sfax",
                    "ar": "رسائل الأحد إلى صفاقس",
                },
                "synopsis": {
                    "en": "Every Sunday she wrote a letter to her family in Sfax.",
                    "fr": "Chaque dimanche, elle écrivait une lettre à sa famille restée à Sfax.",
                    "de": "Jeden Sonntag schrieb sie ihrer Familie in Sfax einen Brief.",
                    "ar": "كانت تكتب كل يوم أحد رسالة إلى أهلها في صفاقس.",
                },
                "keywords": {
                    "en": "letters; family; homesickness",
                    "fr": "lettres; famille; mal du pays",
                    "de": "Briefe; Familie; Heimweh",
                    "ar": "الرسائل; العائلة; الحنين إلى الوطن",
                },
                "places": ["sfax"],
            },
        ],
    },
    "songs-for-weddings-in-altona": {
        "file": "songs-for-weddings-in-altona.opus",
        "transcripts": [
            {"file": "songs-for-weddings-in-altona.de.srt", "language": "de", "original": True},
            {"file": "songs-for-weddings-in-altona.en.srt", "language": "en", "original": False},
            {"file": "songs-for-weddings-in-altona.fr.srt", "language": "fr", "original": False},
        ],
        "scope": "restricted",
        "consent_notes": (
            "Recorded in 2009 with Hédi Trabelsi's consent to archiving. After his death in 2011 "
            "his family asked that the recording stay within the archive: the wedding songs belong "
            "to the family's repertoire. It may be heard on site at the Kulturzentrum St. Georg, "
            "by appointment."
        ),
        "index_points": [
            {
                "start": 4.718,
                "title": {
                    "en": "From the weddings of Tunis to Hamburg",
                    "fr": "Des mariages de Tunis à Hambourg",
                    "de": "Von den Hochzeiten in Tunis nach Hamburg",
                    "ar": "من أعراس تونس إلى هامبورغ",
                },
                "synopsis": {
                    "en": (
                        "As a boy, Hédi Trabelsi learned the mezoued at weddings in Tunis, playing "
                        "beside his uncle; in 1968 he came to Hamburg with two instruments in his suitcase."
                    ),
                    "fr": (
                        "Enfant, Hédi Trabelsi apprend le mezoued dans les mariages de Tunis, aux côtés "
                        "de son oncle ; en 1968, il arrive à Hambourg avec deux instruments dans sa valise."
                    ),
                    "de": (
                        "Als Junge lernt Hédi Trabelsi auf Hochzeiten in Tunis an der Seite seines "
                        "Onkels den Mezoued; 1968 kommt er mit zwei Instrumenten im Koffer nach Hamburg."
                    ),
                    "ar": (
                        "تعلّم الهادي الطرابلسي في صباه العزف على المزود في أعراس تونس إلى جانب عمّه، "
                        "ثم وصل إلى هامبورغ سنة 1968 وفي حقيبته آلتان موسيقيتان."
                    ),
                },
                "keywords": {
                    "en": "mezoued; weddings; uncle; emigration",
                    "fr": "mezoued; mariages; oncle; émigration",
                    "de": "Mezoued; Hochzeiten; Onkel; Auswanderung",
                    "ar": "المزود; الأعراس; العمّ; الهجرة",
                },
                "places": ["tunis-medina"],
            },
            {
                "start": 14.759,
                "title": {
                    "en": "Rehearsals in an Altona basement",
                    "fr": "Répétitions dans une cave d’Altona",
                    "de": "Proben in einem Keller in Altona",
                    "ar": "تدريبات في قبو بألتونا",
                },
                "synopsis": {
                    "en": "Every Friday evening the band rehearsed in a basement in Altona.",
                    "fr": "Tous les vendredis soir, l’orchestre répète dans une cave d’Altona.",
                    "de": "Jeden Freitagabend probt die Band in einem Keller in Altona.",
                    "ar": "كانت الفرقة تتدرّب كل مساء جمعة في قبو بحي ألتونا.",
                },
                "keywords": {
                    "en": "band; rehearsals; basement",
                    "fr": "orchestre; répétitions; cave",
                    "de": "Band; Proben; Keller",
                    "ar": "الفرقة; التدريبات; القبو",
                },
                "places": ["altona"],
            },
            {
                "start": 19.062,
                "title": {
                    "en": "The first Tunisian wedding in Hamburg",
                    "fr": "Le premier mariage tunisien à Hambourg",
                    "de": "Die erste tunesische Hochzeit in Hamburg",
                    "ar": "أول عرس تونسي في هامبورغ",
                },
                "synopsis": {
                    "en": (
                        "In 1971 the band played its first Tunisian wedding in Hamburg; by the end the "
                        "German neighbours were dancing too. He introduces the song that was always sung "
                        "as the bride came in."
                    ),
                    "fr": (
                        "En 1971, l’orchestre anime son premier mariage tunisien à Hambourg ; à la fin, "
                        "les voisins allemands dansent eux aussi. Il présente la chanson que l’on "
                        "chantait toujours à l’entrée de la mariée."
                    ),
                    "de": (
                        "1971 spielt die Band auf ihrer ersten tunesischen Hochzeit in Hamburg; am Ende "
                        "tanzen auch die deutschen Nachbarn mit. Er kündigt das Lied an, das immer "
                        "gesungen wurde, wenn die Braut hereinkam."
                    ),
                    "ar": (
                        "في عام 1971 أحيت الفرقة أول عرس تونسي في هامبورغ، وفي آخره رقص الجيران الألمان "
                        "أيضًا. ثم يقدّم الأغنية التي كانت تُغنّى دائمًا عند دخول العروس."
                    ),
                },
                "keywords": {
                    "en": "weddings; neighbours; dance; bride",
                    "fr": "mariages; voisins; danse; mariée",
                    "de": "Hochzeiten; Nachbarn; Tanz; Braut",
                    "ar": "الأعراس; الجيران; الرقص; العروس",
                },
                "places": ["altona"],
            },
        ],
    },
    "nights-on-the-ferry": {
        "file": "nights-on-the-ferry.opus",
        "transcripts": [
            {"file": "nights-on-the-ferry.de.vtt", "language": "de", "original": True},
            {"file": "nights-on-the-ferry.en.vtt", "language": "en", "original": False},
            {"file": "nights-on-the-ferry.ar.vtt", "language": "ar", "original": False},
        ],
        "scope": "public",
        "redactions": [
            {"start": 20.34, "end": 23.861, "reason": "Name of a former colleague who has not agreed to be named"},
        ],
        # What visitors hear: the recording with the redacted passage silenced.
        "access_copy": "nights-on-the-ferry.redacted.opus",
        "consent_notes": (
            "Consent form signed by Sami Hamdi on 5 September 2019: public. At his request the "
            "passage that names a former colleague is redacted from the recording, its transcripts "
            "and the search index."
        ),
        "index_points": [
            {
                "start": 3.951,
                "title": {
                    "en": "Leaving La Goulette",
                    "fr": "Le départ de La Goulette",
                    "de": "Abschied von La Goulette",
                    "ar": "الرحيل من حلق الوادي",
                },
                "synopsis": {
                    "en": (
                        "In March 1969 Sami Hamdi sailed from La Goulette to Genoa, then travelled three "
                        "days by train to Hamburg."
                    ),
                    "fr": (
                        "En mars 1969, Sami Hamdi embarque à La Goulette pour Gênes, puis voyage trois "
                        "jours en train jusqu’à Hambourg."
                    ),
                    "de": (
                        "Im März 1969 fährt Sami Hamdi mit dem Schiff von La Goulette nach Genua und "
                        "dann drei Tage mit dem Zug nach Hamburg."
                    ),
                    "ar": (
                        "في مارس 1969 أبحر سامي الحمدي من حلق الوادي إلى جنوة، ثم سافر ثلاثة أيام "
                        "بالقطار حتى هامبورغ."
                    ),
                },
                "keywords": {
                    "en": "emigration; ship; train; Genoa",
                    "fr": "émigration; bateau; train; Gênes",
                    "de": "Auswanderung; Schiff; Zug; Genua",
                    "ar": "الهجرة; الباخرة; القطار; جنوة",
                },
                "places": ["la-goulette", "mediterranean"],
            },
            {
                "start": 13.235,
                "title": {
                    "en": "First winter on the quays",
                    "fr": "Premier hiver sur les quais",
                    "de": "Der erste Winter an den Kais",
                    "ar": "الشتاء الأول على الأرصفة",
                },
                "synopsis": {
                    "en": "A bitterly cold first winter, and the dockers’ language, learned faster than school German.",
                    "fr": "Un premier hiver glacial, et la langue des dockers, apprise plus vite que l’allemand de l’école.",
                    "de": "Ein bitterkalter erster Winter und die Sprache der Schauerleute, schneller gelernt als das Schuldeutsch.",
                    "ar": "شتاء أول قارس البرد، ولغة عمّال الميناء التي تعلّمها أسرع من ألمانية المدرسة.",
                },
                "keywords": {
                    "en": "winter; dockers; slang",
                    "fr": "hiver; dockers; argot",
                    "de": "Winter; Schauerleute; Hafenjargon",
                    "ar": "الشتاء; عمّال الميناء; لغة الأرصفة",
                },
                "places": ["port-of-hamburg"],
            },
            {
                "start": 24.561,
                "title": {
                    "en": "From the hook to the crane",
                    "fr": "Du crochet à la grue",
                    "de": "Vom Haken zum Kran",
                    "ar": "من الخطّاف إلى الرافعة",
                },
                "synopsis": {
                    "en": "When the containers arrived, he moved from the docker’s hook to the crane cab.",
                    "fr": "Avec l’arrivée des conteneurs, il passe du crochet de docker à la cabine de grue.",
                    "de": "Mit dem Aufkommen der Container wechselt er vom Stauerhaken ins Kranführerhaus.",
                    "ar": "مع وصول الحاويات، انتقل من خطّاف الحمّال إلى مقصورة الرافعة.",
                },
                "keywords": {
                    "en": "containers; crane; docker’s hook",
                    "fr": "conteneurs; grue; crochet de docker",
                    "de": "Container; Kran; Stauerhaken",
                    "ar": "الحاويات; الرافعة; الخطّاف",
                },
                "places": ["port-of-hamburg"],
            },
            {
                "start": 29.287,
                "title": {
                    "en": "Summer ferries",
                    "fr": "Les ferries de l’été",
                    "de": "Sommerfähren",
                    "ar": "عبّارات الصيف",
                },
                "synopsis": {
                    "en": "Every summer the ferry carried the family back to Tunisia.",
                    "fr": "Chaque été, le ferry ramenait la famille en Tunisie.",
                    "de": "Jeden Sommer brachte die Fähre die Familie zurück nach Tunesien.",
                    "ar": "في كل صيف كانت العبّارة تعيد العائلة إلى تونس.",
                },
                "keywords": {
                    "en": "ferry; summer holidays; return",
                    "fr": "ferry; vacances d’été; retour",
                    "de": "Fähre; Sommerferien; Heimkehr",
                    "ar": "العبّارة; العطلة الصيفية; العودة",
                },
                "places": ["mediterranean", "la-goulette"],
            },
        ],
    },
    "a-childhood-in-the-medina": {
        "file": "a-childhood-in-the-medina.opus",
        "transcripts": [
            {"file": "a-childhood-in-the-medina.ar.vtt", "language": "ar", "original": True},
            {"file": "a-childhood-in-the-medina.en.txt", "language": "en", "original": False},
            {"file": "a-childhood-in-the-medina.fr.vtt", "language": "fr", "original": False},
        ],
        "scope": "public",
        "consent_notes": (
            "Consent form signed by Amina Chebbi in Tunis on 12 April 2022: public. She reviewed "
            "the French translation of the transcript."
        ),
        "index_points": [
            {
                "start": 4.202,
                "title": {
                    "en": "A courtyard house in the Medina",
                    "fr": "Une maison à patio dans la médina",
                    "de": "Ein Innenhofhaus in der Medina",
                    "ar": "دار بفناء في المدينة العتيقة",
                },
                "synopsis": {
                    "en": (
                        "Amina Chebbi describes the courtyard house of her childhood in the Medina of "
                        "Tunis, its lemon tree and the scent of jasmine."
                    ),
                    "fr": (
                        "Amina Chebbi décrit la maison à patio de son enfance dans la médina de Tunis, "
                        "son citronnier et le parfum du jasmin."
                    ),
                    "de": (
                        "Amina Chebbi beschreibt das Innenhofhaus ihrer Kindheit in der Medina von Tunis, "
                        "den Zitronenbaum und den Duft des Jasmins."
                    ),
                    "ar": (
                        "تصف آمنة الشابي دار طفولتها ذات الفناء في مدينة تونس العتيقة، وشجرة الليمون "
                        "فيها، وعبير الياسمين."
                    ),
                },
                "keywords": {
                    "en": "childhood; courtyard house; jasmine",
                    "fr": "enfance; maison à patio; jasmin",
                    "de": "Kindheit; Innenhofhaus; Jasmin",
                    "ar": "الطفولة; الدار ذات الفناء; الياسمين",
                },
                "places": ["tunis-medina"],
            },
            {
                "start": 15.178,
                "title": {
                    "en": "Embroidering wedding garments",
                    "fr": "Broder les tenues de mariage",
                    "de": "Hochzeitsgewänder sticken",
                    "ar": "تطريز أزياء الأعراس",
                },
                "synopsis": {
                    "en": (
                        "Her mother and aunts embroidered wedding garments with gold thread around a "
                        "single frame while she handed them the needles; new clothes and visits at the "
                        "festivals."
                    ),
                    "fr": (
                        "Sa mère et ses tantes brodaient au fil d’or des tenues de mariage autour d’un "
                        "même métier, tandis qu’elle leur tendait les aiguilles ; habits neufs et "
                        "visites aux voisins pour les fêtes."
                    ),
                    "de": (
                        "Ihre Mutter und ihre Tanten bestickten an einem gemeinsamen Rahmen "
                        "Hochzeitsgewänder mit Goldfaden, während sie ihnen die Nadeln reichte; neue "
                        "Kleider und Besuche bei den Nachbarn an den Festtagen."
                    ),
                    "ar": (
                        "كانت أمّها وخالاتها يطرّزن أزياء الأعراس بخيوط الذهب حول إطار واحد وهي تناولهنّ "
                        "الإبر، وفي الأعياد ثياب جديدة وزيارات للجيران."
                    ),
                },
                "keywords": {
                    "en": "embroidery; gold thread; wedding garments; festivals",
                    "fr": "broderie; fil d’or; tenues de mariage; fêtes",
                    "de": "Stickerei; Goldfaden; Hochzeitsgewänder; Feste",
                    "ar": "التطريز; خيوط الذهب; أزياء الأعراس; الأعياد",
                },
                "places": ["tunis-medina"],
            },
            {
                "start": 30.036,
                "title": {
                    "en": "A letter from Marseille",
                    "fr": "Une lettre de Marseille",
                    "de": "Ein Brief aus Marseille",
                    "ar": "رسالة من مرسيليا",
                },
                "synopsis": {
                    "en": (
                        "The first letter from her uncle in Marseille arrives, with a photograph of him "
                        "in front of the harbour tucked inside."
                    ),
                    "fr": (
                        "Arrive la première lettre de son oncle installé à Marseille, avec, glissée à "
                        "l’intérieur, une photo de lui devant le port."
                    ),
                    "de": (
                        "Der erste Brief ihres Onkels aus Marseille kommt an – mit einem Foto von ihm "
                        "vor dem Hafen darin."
                    ),
                    "ar": "تصل أول رسالة من خالها في مرسيليا، وفي طيّها صورة له أمام الميناء.",
                },
                "keywords": {
                    "en": "letters; photograph; uncle; emigration",
                    "fr": "lettres; photographie; oncle; émigration",
                    "de": "Briefe; Fotografie; Onkel; Auswanderung",
                    "ar": "الرسائل; الصورة; الخال; الهجرة",
                },
                "places": ["vieux-port"],
            },
        ],
    },
    "needle-and-thread": {
        "file": "needle-and-thread.opus",
        # The original is an OHMS export: its own index points (in French) must agree with
        # the ones below, which add the other languages.
        "transcripts": [
            {"file": "needle-and-thread.fr.xml", "language": "fr", "original": True},
            {"file": "needle-and-thread.de.vtt", "language": "de", "original": False},
            {"file": "needle-and-thread.en.vtt", "language": "en", "original": False},
        ],
        "scope": "public",
        "embargo_until": "2031-01-01",
        "consent_notes": (
            "Consent form signed by Mounira Jaziri in La Goulette on 6 August 2024: public, but "
            "closed until 1 January 2031, the year her embroidery circle in St. Georg turns fifty."
        ),
        "index_points": [
            {
                "start": 4.151,
                "title": {
                    "en": "Apprenticeship in the Medina",
                    "fr": "Apprentissage dans la médina",
                    "de": "Lehrjahre in der Medina",
                    "ar": "التعلّم في المدينة العتيقة",
                },
                "synopsis": {
                    "en": (
                        "Mounira Jaziri tells how she learned embroidery at the age of twelve from a "
                        "master embroiderer in a workshop in the Medina of Tunis."
                    ),
                    "fr": (
                        "Mounira Jaziri raconte comment elle a appris la broderie, à douze ans, auprès "
                        "d’une maîtresse brodeuse dans un atelier de la médina de Tunis."
                    ),
                    "de": (
                        "Mounira Jaziri erzählt, wie sie mit zwölf Jahren bei einer Stickmeisterin in "
                        "einer Werkstatt der Medina von Tunis das Sticken lernte."
                    ),
                    "ar": (
                        "تروي منيرة الجزيري كيف تعلّمت التطريز في الثانية عشرة من عمرها على يد معلّمة "
                        "تطريز في ورشة بمدينة تونس العتيقة."
                    ),
                },
                "keywords": {
                    "en": "embroidery; apprenticeship; workshop",
                    "fr": "broderie; apprentissage; atelier",
                    "de": "Stickerei; Lehre; Werkstatt",
                    "ar": "التطريز; التعلّم; الورشة",
                },
                "places": ["tunis-medina"],
            },
            {
                "start": 13.097,
                "title": {
                    "en": "An embroidery circle in St. Georg",
                    "fr": "Un cercle de broderie à St. Georg",
                    "de": "Ein Stickkreis in St. Georg",
                    "ar": "حلقة تطريز في سانت غيورغ",
                },
                "synopsis": {
                    "en": (
                        "Settled in Hamburg in 1974, she embroiders as the women of St. Georg look on, "
                        "and in 1981 founds a circle where Tunisian stitches meet German patterns."
                    ),
                    "fr": (
                        "Installée à Hambourg en 1974, elle brode devant les femmes du quartier de "
                        "St. Georg, puis fonde en 1981 un cercle où les points tunisiens rencontrent "
                        "les motifs allemands."
                    ),
                    "de": (
                        "Seit 1974 in Hamburg, stickt sie vor den Augen der Frauen aus St. Georg und "
                        "gründet 1981 einen Kreis, in dem tunesische Stiche auf deutsche Muster treffen."
                    ),
                    "ar": (
                        "بعد أن استقرّت في هامبورغ سنة 1974، صارت نساء حي سانت غيورغ يأتين لمشاهدتها وهي "
                        "تطرّز، فأسّست سنة 1981 حلقة تلتقي فيها الغرز التونسية بالنقوش الألمانية."
                    ),
                },
                "keywords": {
                    "en": "embroidery circle; Hamburg; Tunisian stitches; German patterns",
                    "fr": "cercle de broderie; Hambourg; points tunisiens; motifs allemands",
                    "de": "Stickkreis; Hamburg; tunesische Stiche; deutsche Muster",
                    "ar": "حلقة التطريز; هامبورغ; الغرز التونسية; النقوش الألمانية",
                },
                "places": ["st-georg"],
            },
            {
                "start": 26.043,
                "title": {
                    "en": "Thread from the souks",
                    "fr": "Du fil des souks",
                    "de": "Garn aus den Souks",
                    "ar": "خيوط من الأسواق",
                },
                "synopsis": {
                    "en": "Every summer she still brings back silk thread from the souks of Tunis for her circle.",
                    "fr": "Chaque été, elle rapporte encore du fil de soie des souks de Tunis pour son cercle.",
                    "de": "Noch immer bringt sie jeden Sommer Seidengarn aus den Souks von Tunis für ihren Kreis mit.",
                    "ar": "لا تزال تحمل معها كل صيف خيوط الحرير من أسواق تونس إلى حلقتها.",
                },
                "keywords": {
                    "en": "silk thread; souks; summer journeys",
                    "fr": "fil de soie; souks; voyages d’été",
                    "de": "Seidengarn; Souks; Sommerreisen",
                    "ar": "خيوط الحرير; الأسواق; رحلات الصيف",
                },
                "places": ["tunis-medina"],
            },
        ],
    },
    "letters-read-aloud": {
        "file": "letters-read-aloud.opus",
        "transcripts": [
            {"file": "letters-read-aloud.ar.vtt", "language": "ar", "original": True},
            {"file": "letters-read-aloud.fr.vtt", "language": "fr", "original": False},
            {"file": "letters-read-aloud.en.vtt", "language": "en", "original": False},
        ],
        "scope": "community",
        "community": "tunisians-of-marseille",
        "consent_notes": (
            "Consent forms signed by Fatma Ben Salah and Amina Chebbi at the Bibliothèque Belsunce "
            "on 18 November 2023: shared with members of the Tunisians of Marseille community only, "
            "because the letters speak of relatives who are still alive."
        ),
        "index_points": [
            {
                "start": 3.143,
                "title": {
                    "en": "A mother’s letter from Sfax",
                    "fr": "La lettre d’une mère, de Sfax",
                    "de": "Ein Brief der Mutter aus Sfax",
                    "ar": "رسالة أمّ من صفاقس",
                },
                "synopsis": {
                    "en": "Fatma Ben Salah reads aloud a letter her mother sent her from Sfax in 1964.",
                    "fr": "Fatma Ben Salah lit à voix haute une lettre que sa mère lui a envoyée de Sfax en 1964.",
                    "de": "Fatma Ben Salah liest einen Brief vor, den ihre Mutter ihr 1964 aus Sfax schickte.",
                    "ar": "تقرأ فاطمة بن صالح بصوت عالٍ رسالة بعثت بها إليها أمّها من صفاقس سنة 1964.",
                },
                "keywords": {
                    "en": "letters; mother; reading aloud",
                    "fr": "lettres; mère; lecture à voix haute",
                    "de": "Briefe; Mutter; Vorlesen",
                    "ar": "الرسائل; الأم; القراءة بصوت عالٍ",
                },
                "places": ["sfax"],
            },
            {
                "start": 14.888,
                "title": {
                    "en": "Writing for those who could not",
                    "fr": "Écrire pour ceux qui ne savaient pas",
                    "de": "Schreiben für die, die es nicht konnten",
                    "ar": "الكتابة لمن لا يُحسنها",
                },
                "synopsis": {
                    "en": (
                        "Her mother could not write: a neighbour, the schoolteacher, wrote her letters "
                        "for her. Amina Chebbi recalls the worries left out of letters so as not to "
                        "alarm the family."
                    ),
                    "fr": (
                        "Sa mère ne savait pas écrire : c’est un voisin, l’instituteur, qui écrivait ses "
                        "lettres. Amina Chebbi évoque les soucis tus dans les lettres pour ne pas "
                        "inquiéter la famille."
                    ),
                    "de": (
                        "Ihre Mutter konnte nicht schreiben: Ein Nachbar, der Lehrer, schrieb die Briefe "
                        "für sie. Amina Chebbi erzählt von den Sorgen, die man in den Briefen "
                        "verschwieg, um die Familie nicht zu beunruhigen."
                    ),
                    "ar": (
                        "لم تكن أمّها تعرف الكتابة، فكان جارهم المعلّم يكتب رسائلها. وتتذكّر آمنة الشابي "
                        "الهموم التي كانت تُكتم في الرسائل حتى لا يقلق الأهل."
                    ),
                },
                "keywords": {
                    "en": "literacy; neighbours; schoolteacher; worries",
                    "fr": "alphabétisation; voisins; instituteur; soucis",
                    "de": "Lesen und Schreiben; Nachbarn; Lehrer; Sorgen",
                    "ar": "الأمّية; الجيران; المعلّم; الهموم",
                },
                "places": ["sfax"],
            },
            {
                "start": 26.934,
                "title": {
                    "en": "From letters to the telephone",
                    "fr": "De la lettre au téléphone",
                    "de": "Vom Brief zum Telefon",
                    "ar": "من الرسالة إلى الهاتف",
                },
                "synopsis": {
                    "en": (
                        "The telephone arrives: one call a month instead of a letter a week. But the "
                        "letters remain, and today they are read aloud."
                    ),
                    "fr": (
                        "Le téléphone arrive : un appel par mois au lieu d’une lettre par semaine. Mais "
                        "les lettres restent, et on les lit aujourd’hui à voix haute."
                    ),
                    "de": (
                        "Das Telefon kommt: ein Anruf im Monat statt eines Briefes pro Woche. Doch die "
                        "Briefe bleiben, und heute werden sie vorgelesen."
                    ),
                    "ar": (
                        "يصل الهاتف: مكالمة كل شهر بدل رسالة كل أسبوع. لكنّ الرسائل تبقى، وها هي تُقرأ "
                        "اليوم بصوت عالٍ."
                    ),
                },
                "keywords": {
                    "en": "telephone; letters; memory",
                    "fr": "téléphone; lettres; mémoire",
                    "de": "Telefon; Briefe; Erinnerung",
                    "ar": "الهاتف; الرسائل; الذاكرة",
                },
                "places": ["belsunce"],
            },
        ],
    },
}
