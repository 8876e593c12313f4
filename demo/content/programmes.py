"""Demo programmes: a festival series across the three partner cities, a residency
and a story circle (read by ``demo.programmes``).

Dates are days from the day the demo is loaded (``starts_in_days``; the series
says "every spring", but its editions' texts name no season, whatever the loading day) and an hour on the
venue's clock, so the festival's past, coming and next editions and the residency
under way stay so whenever the demo is loaded. ``presents`` names exhibitions, oral
histories and objects by slug (``type`` ``exhibition``, ``oral_history``, ``artifact``).
"""

INDEX = {
    "slug": "programmes",
    "slugs": {"fr": "programmes", "de": "programme"},
    "title": {"en": "Programmes", "fr": "Programmes", "de": "Programme", "ar": "البرامج"},
    "introduction": {
        "en": (
            "Festivals, residencies, exchanges and story circles: the partnership's calendar, "
            "in Marseille, Hamburg and Tunis. Subscribe to it in your own calendar."
        ),
        "fr": (
            "Festivals, résidences, échanges et cercles de récits : le calendrier du partenariat, "
            "à Marseille, Hambourg et Tunis. Abonnez-vous-y dans votre propre agenda."
        ),
        "de": (
            "Festivals, Residenzen, Austausche und Erzählkreise: der Kalender der Partnerschaft "
            "in Marseille, Hamburg und Tunis. Abonnieren Sie ihn in Ihrem eigenen Kalender."
        ),
        "ar": (
            "مهرجانات وإقامات فنية وتبادلات وحلقات حكي: رزنامة الشراكة في مرسيليا وهامبورغ وتونس. "
            "اشترك فيها من خلال رزنامتك الخاصة."
        ),
    },
}

SERIES = [
    {
        "slug": "festival-of-harbour-voices",
        "slugs": {"fr": "festival-des-voix-du-port", "de": "festival-der-hafenstimmen"},
        "kind": "festival",
        "title": {
            "en": "Festival of Harbour Voices",
            "fr": "Festival des voix du port",
            "de": "Festival der Hafenstimmen",
            "ar": "مهرجان أصوات الموانئ",
        },
        "recurrence": {
            "en": "Every spring, in turn in Marseille, Hamburg and Tunis.",
            "fr": "Chaque printemps, tour à tour à Marseille, Hambourg et Tunis.",
            "de": "Jeden Frühling, abwechselnd in Marseille, Hamburg und Tunis.",
            "ar": "كل ربيع، بالتناوب بين مرسيليا وهامبورغ وتونس.",
        },
        "summary": {
            "en": "Three days of songs, stories and open archives on the quays of one of the three harbours.",
            "fr": "Trois jours de chants, de récits et d’archives ouvertes sur les quais de l’un des trois ports.",
            "de": "Drei Tage Lieder, Geschichten und offene Archive an den Kais eines der drei Häfen.",
            "ar": "ثلاثة أيام من الأغاني والحكايات والأرشيفات المفتوحة على أرصفة أحد الموانئ الثلاثة.",
        },
        "body": {
            "en": (
                "<p>The festival began as a meeting of dockers’ choirs. It now brings together the "
                "partner institutions, the communities whose voices fill the archive, and anyone who "
                "passes by the harbour.</p>"
            ),
            "fr": (
                "<p>Le festival est né d’une rencontre de chorales de dockers. Il réunit aujourd’hui les "
                "institutions partenaires, les communautés dont les voix emplissent les archives et "
                "quiconque passe par le port.</p>"
            ),
            "de": (
                "<p>Das Festival begann als Treffen von Hafenarbeiterchören. Heute kommen die "
                "Partnerinstitutionen, die Gemeinschaften, deren Stimmen das Archiv füllen, und alle, "
                "die am Hafen vorbeikommen, zusammen.</p>"
            ),
            "ar": (
                "<p>بدأ المهرجان لقاءً لجوقات عمّال الموانئ، وهو اليوم يجمع المؤسسات الشريكة والجاليات "
                "التي تملأ أصواتها الأرشيف وكلّ من يمرّ بالميناء.</p>"
            ),
        },
    }
]

ACCESSIBLE_QUAYS = {
    "en": "Step-free on the quays; seats in the shade; Arabic, French and German interpretation on request.",
    "fr": (
        "Quais accessibles de plain-pied ; sièges à l’ombre ; interprétation en arabe, français et allemand "
        "sur demande."
    ),
    "de": "Stufenlos an den Kais; Sitzplätze im Schatten; Dolmetschen auf Arabisch, Französisch und Deutsch auf Anfrage.",
    "ar": "أرصفة بلا درج؛ مقاعد في الظل؛ ترجمة فورية بالعربية والفرنسية والألمانية عند الطلب.",
}

EVENTS = [
    {
        "slug": "harbour-voices-in-tunis",
        "slugs": {"fr": "voix-du-port-a-tunis", "de": "hafenstimmen-in-tunis"},
        "series": "festival-of-harbour-voices",
        "kind": "festival",
        "title": {
            "en": "Harbour Voices in Tunis",
            "fr": "Voix du port à Tunis",
            "de": "Hafenstimmen in Tunis",
            "ar": "أصوات الموانئ في تونس",
        },
        "summary": {
            "en": "The last edition, between the medina and the port of La Goulette.",
            "fr": "La dernière édition, entre la médina et le port de La Goulette.",
            "de": "Die letzte Ausgabe, zwischen der Medina und dem Hafen von La Goulette.",
            "ar": "الدورة الماضية، بين المدينة العتيقة وميناء حلق الوادي.",
        },
        "time_zone": "Africa/Tunis",
        "starts_in_days": -320,
        "start_hour": 10,
        "days": 3,
        "end_hour": 23,
        "languages": "ar, aeb, fr",
        "venues": [
            {
                "city": "tunis",
                "place": "tunis-medina",
                "institution": "dar-medina",
                "venue": {
                    "en": "Courtyard of Dar el-Medina",
                    "fr": "Cour de Dar el-Medina",
                    "de": "Innenhof von Dar el-Medina",
                    "ar": "فناء دار المدينة",
                },
            },
            {
                "city": "tunis",
                "place": "la-goulette",
                "institution": "cc-la-goulette",
                "venue": {
                    "en": "La Goulette fishing harbour",
                    "fr": "Port de pêche de La Goulette",
                    "de": "Fischereihafen von La Goulette",
                    "ar": "ميناء الصيد بحلق الوادي",
                },
            },
        ],
        "organisers": ["dar-medina", "cc-la-goulette", "mmp-marseille"],
        "communities": [],
        "presents": [{"type": "exhibition", "slug": "harbours-of-arrival"}],
        "accessibility": ACCESSIBLE_QUAYS,
        "what_happened": {
            "en": (
                "<p>Eleven choirs sang over three evenings; sixty families brought photographs to be "
                "scanned, and forty of them are now in the archive. The closing night moved indoors "
                "when the wind rose.</p>"
            ),
            "fr": (
                "<p>Onze chorales ont chanté trois soirs durant ; soixante familles ont apporté des "
                "photographies à numériser, dont quarante sont désormais dans les archives. La soirée "
                "de clôture s’est repliée à l’intérieur quand le vent s’est levé.</p>"
            ),
            "de": (
                "<p>Elf Chöre sangen an drei Abenden; sechzig Familien brachten Fotografien zum Scannen "
                "mit, vierzig davon sind jetzt im Archiv. Der Abschlussabend zog nach drinnen, als der "
                "Wind auffrischte.</p>"
            ),
            "ar": (
                "<p>غنّت إحدى عشرة جوقة على مدى ثلاث أمسيات، وأحضرت ستون عائلة صورًا لرقمنتها، أربعون "
                "منها باتت اليوم في الأرشيف. وانتقلت أمسية الختام إلى الداخل حين اشتدّت الريح.</p>"
            ),
        },
        "participants": 1840,
    },
    {
        "slug": "harbour-voices-in-marseille",
        "slugs": {"fr": "voix-du-port-a-marseille", "de": "hafenstimmen-in-marseille"},
        "series": "festival-of-harbour-voices",
        "kind": "festival",
        "title": {
            "en": "Harbour Voices in Marseille",
            "fr": "Voix du port à Marseille",
            "de": "Hafenstimmen in Marseille",
            "ar": "أصوات الموانئ في مرسيليا",
        },
        "summary": {
            "en": "This edition on the Vieux-Port: choirs, open archives and a night of letters read aloud.",
            "fr": "Cette édition sur le Vieux-Port : chorales, archives ouvertes et une nuit de lettres lues à voix haute.",
            "de": "Diese Ausgabe am Vieux-Port: Chöre, offene Archive und eine Nacht vorgelesener Briefe.",
            "ar": "هذه الدورة في الميناء القديم: جوقات وأرشيفات مفتوحة وليلة لقراءة الرسائل بصوت عالٍ.",
        },
        "time_zone": "Europe/Paris",
        "starts_in_days": 24,
        "start_hour": 11,
        "days": 3,
        "end_hour": 23,
        "languages": "fr, ar, aeb, de",
        "venues": [
            {
                "city": "marseille",
                "place": "vieux-port",
                "institution": "mmp-marseille",
                "venue": {
                    "en": "Quai du Port, in front of the museum",
                    "fr": "Quai du Port, devant le musée",
                    "de": "Quai du Port, vor dem Museum",
                    "ar": "رصيف الميناء، أمام المتحف",
                },
            }
        ],
        "organisers": ["mmp-marseille", "bib-belsunce", "hafen-archiv"],
        "communities": ["tunisians-of-marseille"],
        "presents": [
            {"type": "exhibition", "slug": "harbours-of-arrival"},
            {"type": "oral_history", "slug": "from-sfax-to-the-vieux-port"},
        ],
        "accessibility": ACCESSIBLE_QUAYS,
    },
    {
        "slug": "harbour-voices-in-hamburg",
        "slugs": {"fr": "voix-du-port-a-hambourg", "de": "hafenstimmen-in-hamburg"},
        "series": "festival-of-harbour-voices",
        "kind": "festival",
        "title": {
            "en": "Harbour Voices in Hamburg",
            "fr": "Voix du port à Hambourg",
            "de": "Hafenstimmen in Hamburg",
            "ar": "أصوات الموانئ في هامبورغ",
        },
        "summary": {
            "en": "The next edition, at the old fish auction hall in Altona.",
            "fr": "La prochaine édition, dans l’ancienne halle de la criée d’Altona.",
            "de": "Die nächste Ausgabe, in der Fischauktionshalle in Altona.",
            "ar": "الدورة المقبلة، في قاعة مزاد السمك القديمة في ألتونا.",
        },
        "time_zone": "Europe/Berlin",
        "starts_in_days": 389,
        "start_hour": 12,
        "days": 3,
        "end_hour": 22,
        "languages": "de, ar, fr",
        "venues": [
            {
                "city": "hamburg",
                "place": "altona",
                "institution": "hafen-archiv",
                "venue": {
                    "en": "Fish auction hall",
                    "fr": "Halle de la criée",
                    "de": "Fischauktionshalle",
                    "ar": "قاعة مزاد السمك",
                },
            }
        ],
        "organisers": ["hafen-archiv", "kz-st-georg"],
        "communities": [],
        "presents": [],
        "accessibility": {},
    },
    {
        "slug": "threads-residency",
        "slugs": {"fr": "residence-fils", "de": "residenz-faeden"},
        "kind": "residency",
        "title": {
            "en": "Threads between Tunis and Hamburg: a textile residency",
            "fr": "Fils entre Tunis et Hambourg : une résidence textile",
            "de": "Fäden zwischen Tunis und Hamburg: eine Textilresidenz",
            "ar": "خيوط بين تونس وهامبورغ: إقامة فنية في النسيج",
        },
        "summary": {
            "en": (
                "Two weavers, one from the medina of Tunis and one from St. Georg, work side by side "
                "with the museum’s wedding dresses and the stories of those who wore them."
            ),
            "fr": (
                "Deux tisserandes, l’une de la médina de Tunis, l’autre de St. Georg, travaillent côte à "
                "côte avec les robes de mariée du musée et les récits de celles qui les ont portées."
            ),
            "de": (
                "Zwei Weberinnen, eine aus der Medina von Tunis, eine aus St. Georg, arbeiten Seite an "
                "Seite mit den Hochzeitskleidern des Museums und den Geschichten der Frauen, die sie trugen."
            ),
            "ar": (
                "نسّاجتان، إحداهما من مدينة تونس العتيقة والأخرى من حيّ سانت غيورغ، تعملان جنبًا إلى جنب "
                "مع فساتين الأعراس في المتحف وحكايات من ارتدينها."
            ),
        },
        "time_zone": "Europe/Berlin",
        "starts_in_days": -20,
        "start_hour": 10,
        "days": 60,
        "end_hour": 18,
        "languages": "ar, de, fr",
        "venues": [
            {
                "city": "hamburg",
                "place": "st-georg",
                "institution": "kz-st-georg",
                "venue": {
                    "en": "Open studio, Kulturzentrum St. Georg",
                    "fr": "Atelier ouvert, Kulturzentrum St. Georg",
                    "de": "Offenes Atelier, Kulturzentrum St. Georg",
                    "ar": "ورشة مفتوحة، المركز الثقافي سانت غيورغ",
                },
            },
            {
                "city": "tunis",
                "place": "tunis-medina",
                "institution": "dar-medina",
                "venue": {
                    "en": "Weaving room, Dar el-Medina",
                    "fr": "Salle de tissage, Dar el-Medina",
                    "de": "Webraum, Dar el-Medina",
                    "ar": "قاعة النسيج، دار المدينة",
                },
            },
        ],
        "organisers": ["kz-st-georg", "dar-medina"],
        "communities": [],
        "presents": [
            {"type": "exhibition", "slug": "threads-across-the-sea"},
            {"type": "artifact", "slug": "td-keswa-kbira-wedding-dress"},
            {"type": "oral_history", "slug": "a-childhood-in-the-medina"},
        ],
        "accessibility": {
            "en": "The studio is on the ground floor. Open studio every Saturday, 14:00–18:00.",
            "fr": "L’atelier est au rez-de-chaussée. Atelier ouvert chaque samedi, de 14 h à 18 h.",
            "de": "Das Atelier liegt im Erdgeschoss. Offenes Atelier jeden Samstag, 14–18 Uhr.",
            "ar": "الورشة في الطابق الأرضي. الورشة مفتوحة كل سبت من الساعة 14:00 إلى 18:00.",
        },
    },
    {
        "slug": "story-circle-crossings",
        "slugs": {"fr": "cercle-de-recits-traversees", "de": "erzaehlkreis-ueberfahrten"},
        "kind": "story_circle",
        "title": {
            "en": "Story circle: crossings from Sfax",
            "fr": "Cercle de récits : traversées depuis Sfax",
            "de": "Erzählkreis: Überfahrten aus Sfax",
            "ar": "حلقة حكي: رحلات العبور من صفاقس",
        },
        "summary": {
            "en": (
                "An evening of listening and telling with the Tunisians of Marseille: we hear Fatma "
                "Ben Salah’s crossing, then everyone who wishes tells their own."
            ),
            "fr": (
                "Une soirée d’écoute et de récits avec les Tunisiens de Marseille : on écoute la "
                "traversée de Fatma Ben Salah, puis chacun raconte la sienne s’il le souhaite."
            ),
            "de": (
                "Ein Abend des Zuhörens und Erzählens mit den Tunesierinnen und Tunesiern von Marseille: "
                "Wir hören Fatma Ben Salahs Überfahrt, dann erzählt, wer möchte, die eigene."
            ),
            "ar": ("أمسية للإصغاء والحكي مع تونسيّي مرسيليا: نستمع إلى رحلة فاطمة بن صالح، ثم يروي كلّ من يرغب رحلته."),
        },
        "time_zone": "Europe/Paris",
        "starts_in_days": 9,
        "start_hour": 18,
        "days": 0,
        "end_hour": 20,
        "languages": "aeb, fr",
        "venues": [
            {
                "city": "marseille",
                "place": "belsunce",
                "institution": "bib-belsunce",
                "venue": {
                    "en": "Reading room, Bibliothèque Belsunce",
                    "fr": "Salle de lecture, Bibliothèque Belsunce",
                    "de": "Lesesaal, Bibliothèque Belsunce",
                    "ar": "قاعة المطالعة، مكتبة بلزونس",
                },
            }
        ],
        "organisers": ["bib-belsunce"],
        "communities": ["tunisians-of-marseille"],
        "presents": [{"type": "oral_history", "slug": "from-sfax-to-the-vieux-port"}],
        "accessibility": {
            "en": "Step-free entrance on Cours Belsunce; hearing loop; mint tea and a quiet corner.",
            "fr": "Entrée de plain-pied cours Belsunce ; boucle magnétique ; thé à la menthe et coin calme.",
            "de": "Stufenloser Eingang am Cours Belsunce; Induktionsschleife; Minztee und eine ruhige Ecke.",
            "ar": "مدخل بلا درج من شارع بلزونس؛ حلقة سمعية؛ شاي بالنعناع وركن هادئ.",
        },
    },
]
