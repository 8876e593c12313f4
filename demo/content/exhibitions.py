"""The demo's joint exhibitions: partners, venues, curators and stories. Pure data, read by
demo/loader.py (see SCHEMA.md, "Exhibitions").

"Harbours of Arrival" is the flagship: it travels (Tunis last year, Marseille now, Hamburg
next), credits a curator from each partner and uses every story block, with real artifacts,
places, cities, images and oral-history clips (one public, one with a redacted name, one for
a community only). "Threads across the Sea" has a few blocks, among them a clip of an
embargoed recording. "Wedding Songs from Both Shores" is not published: it waits in the
partner-approval workflow, approved by one of its three partners.
"""

EXHIBITIONS = [
    # --- Harbours of Arrival ----------------------------------------------------------------
    {
        "slug": "harbours-of-arrival",
        "title": {
            "en": "Harbours of Arrival",
            "fr": "Ports d’arrivée",
            "de": "Häfen der Ankunft",
            "ar": "موانئ الوصول",
        },
        "introduction": {
            "en": (
                "Harbours of Arrival follows the people who came ashore in Marseille, Hamburg and "
                "Tunis: dockers and seamen, young brides and families returning home. Objects, "
                "photographs and recorded voices from three partner institutions show how each "
                "harbour became a place of work, of waiting and of welcome."
            ),
            "fr": (
                "« Ports d’arrivée » suit celles et ceux qui ont débarqué à Marseille, à Hambourg "
                "et à Tunis : dockers et marins, jeunes mariées et familles de retour au pays. "
                "Objets, photographies et voix enregistrées issus de trois institutions partenaires "
                "montrent comment chaque port est devenu un lieu de travail, d’attente et "
                "d’accueil."
            ),
            "de": (
                "„Häfen der Ankunft“ folgt den Menschen, die in Marseille, Hamburg und Tunis an "
                "Land gingen: Hafenarbeitern und Seeleuten, jungen Bräuten und heimkehrenden "
                "Familien. Objekte, Fotografien und Tonaufnahmen aus drei Partnerinstitutionen "
                "zeigen, wie jeder Hafen zu einem Ort der Arbeit, des Wartens und des Willkommens "
                "wurde."
            ),
            "ar": (
                "يتتبّع معرض «موانئ الوصول» مسارات من نزلوا إلى البرّ في مرسيليا وهامبورغ وتونس: "
                "عمّال موانئ وبحّارة، وعرائس شابّات، وعائلات عائدة إلى الوطن. وتكشف قطع وصور "
                "وتسجيلات صوتية من ثلاث مؤسسات شريكة كيف صار كل ميناء مكانًا للعمل والانتظار "
                "والترحيب."
            ),
        },
        "co_curators": ["mmp-marseille", "hafen-archiv", "cc-la-goulette"],
        "hero_motif": "ticket",
        "hero_alt": {
            "en": "Illustration of a ferry ticket with a stamped date, set against a stylised blue sea.",
            "fr": "Illustration d’un billet de ferry portant une date tamponnée, sur fond de mer bleue stylisée.",
            "de": "Illustration eines Fährtickets mit gestempeltem Datum vor einem stilisierten blauen Meer.",
            "ar": "رسم لتذكرة عبّارة مختومة بتاريخ، على خلفية بحر أزرق منمّق.",
        },
        # It travels: La Goulette last year, Marseille now, Hamburg from early next season.
        "venues": [
            {
                "city": "tunis",
                "institution": "cc-la-goulette",
                "venue": {
                    "en": "Centre communautaire de La Goulette, main hall",
                    "fr": "Centre communautaire de La Goulette, grande salle",
                    "de": "Centre communautaire de La Goulette, großer Saal",
                    "ar": "المركز المجتمعي بحلق الوادي، القاعة الكبرى",
                },
                "opens_in_days": -420,
                "closes_in_days": -300,
            },
            {
                "city": "marseille",
                "institution": "mmp-marseille",
                "venue": {
                    "en": "Musée des Mémoires du Port, harbour gallery",
                    "fr": "Musée des Mémoires du Port, galerie du port",
                    "de": "Musée des Mémoires du Port, Hafengalerie",
                    "ar": "متحف ذاكرة الميناء، رواق الميناء",
                },
                "opens_in_days": -45,
                "closes_in_days": 75,
            },
            {
                "city": "hamburg",
                "institution": "hafen-archiv",
                "venue": {
                    "en": "Archiv der Hafenarbeit, exhibition hall in the old quay shed",
                    "fr": "Archiv der Hafenarbeit, salle d’exposition de l’ancien hangar du quai",
                    "de": "Archiv der Hafenarbeit, Ausstellungshalle im alten Kaischuppen",
                    "ar": "أرشيف العمل في الميناء، قاعة العرض في المستودع القديم على الرصيف",
                },
                "opens_in_days": 120,
                "closes_in_days": 300,
            },
        ],
        "credits": [
            {
                "person": "ali-gharbi",
                "institution": "mmp-marseille",
                "role": {
                    "en": "Lead curator, oral histories",
                    "fr": "Commissaire principal, histoires orales",
                    "de": "Leitender Kurator, Oral History",
                    "ar": "القيّم الرئيسي على المعرض، التاريخ الشفوي",
                },
            },
            {
                "person": "lea-schulte",
                "institution": "hafen-archiv",
                "role": {
                    "en": "Co-curator, harbour labour collections",
                    "fr": "Co-commissaire, collections sur le travail portuaire",
                    "de": "Ko-Kuratorin, Sammlungen zur Hafenarbeit",
                    "ar": "قيّمة مشاركة، مجموعات العمل في الميناء",
                },
            },
            {
                "person": "sami-hamdi",
                "institution": "cc-la-goulette",
                "role": {
                    "en": "Community co-curator",
                    "fr": "Co-commissaire issu de la communauté",
                    "de": "Ko-Kurator aus der Gemeinschaft",
                    "ar": "قيّم مشارك من المجتمع المحلي",
                },
            },
            {
                "person": "amina-chebbi",
                "institution": "cc-la-goulette",
                "role": {
                    "en": "Research: family letters and homecomings",
                    "fr": "Recherche : lettres de famille et retours au pays",
                    "de": "Recherche: Familienbriefe und Heimkehr",
                    "ar": "البحث: الرسائل العائلية والعودة إلى الوطن",
                },
            },
        ],
        "story": [
            # Chapter 1, written by the Marseille museum.
            {
                "type": "heading",
                "value": {
                    "text": {
                        "en": "Three harbours, one sea",
                        "fr": "Trois ports, une mer",
                        "de": "Drei Häfen, ein Meer",
                        "ar": "ثلاثة موانئ وبحر واحد",
                    },
                    "anchor": "three-harbours",
                    "institution": "mmp-marseille",
                },
            },
            {
                "type": "paragraph",
                "value": {
                    "en": (
                        "<p>Marseille, Hamburg and Tunis are cities that face the water. For "
                        "generations their quays were the first ground newcomers stood on and the "
                        "last that emigrants saw. This exhibition brings together objects, "
                        "photographs and voices from the <strong>Musée des Mémoires du "
                        "Port</strong>, the <strong>Archiv der Hafenarbeit</strong> and the "
                        "<strong>Centre communautaire de La Goulette</strong> to follow those who "
                        "arrived, worked and stayed.</p>"
                    ),
                    "fr": (
                        "<p>Marseille, Hambourg et Tunis sont des villes tournées vers l’eau. "
                        "Pendant des générations, leurs quais ont été la première terre foulée par "
                        "les nouveaux venus et la dernière qu’apercevaient les émigrants. Cette "
                        "exposition réunit des objets, des photographies et des voix du "
                        "<strong>Musée des Mémoires du Port</strong>, de l’<strong>Archiv der "
                        "Hafenarbeit</strong> et du <strong>Centre communautaire de La "
                        "Goulette</strong> pour suivre celles et ceux qui sont arrivés, ont "
                        "travaillé et sont restés.</p>"
                    ),
                    "de": (
                        "<p>Marseille, Hamburg und Tunis sind Städte, die dem Wasser zugewandt "
                        "sind. Über Generationen waren ihre Kais der erste Boden, den "
                        "Neuankömmlinge betraten, und der letzte, den Auswanderer sahen. Die "
                        "Ausstellung vereint Objekte, Fotografien und Stimmen aus dem "
                        "<strong>Musée des Mémoires du Port</strong>, dem <strong>Archiv der "
                        "Hafenarbeit</strong> und dem <strong>Centre communautaire de La "
                        "Goulette</strong> und folgt den Menschen, die ankamen, arbeiteten und "
                        "blieben.</p>"
                    ),
                    "ar": (
                        "<p>مرسيليا وهامبورغ وتونس مدن تولّي وجهها شطر الماء. وعلى مدى أجيال كانت "
                        "أرصفتها أول أرض تطؤها أقدام القادمين الجدد وآخر ما تقع عليه أعين "
                        "المهاجرين. ويجمع هذا المعرض قطعًا وصورًا وأصواتًا من <strong>متحف ذاكرة "
                        "الميناء</strong> و<strong>أرشيف العمل في الميناء</strong> و<strong>المركز "
                        "المجتمعي بحلق الوادي</strong>، ليتتبّع مسارات من وصلوا وعملوا "
                        "واستقرّوا.</p>"
                    ),
                },
            },
            {
                "type": "quote",
                "value": {
                    "text": {
                        "en": (
                            "When the ship rounded the headland and I saw Notre-Dame de la Garde "
                            "above the city, I told myself: this is where my children will grow up."
                        ),
                        "fr": (
                            "Quand le bateau a doublé le cap et que j’ai vu Notre-Dame de la Garde "
                            "au-dessus de la ville, je me suis dit : c’est ici que mes enfants "
                            "grandiront."
                        ),
                        "de": (
                            "Als das Schiff um die Landspitze bog und ich Notre-Dame de la Garde "
                            "über der Stadt sah, sagte ich mir: Hier werden meine Kinder aufwachsen."
                        ),
                        "ar": (
                            "حين دارت الباخرة حول الرأس ورأيت كنيسة نوتردام دو لا غارد فوق "
                            "المدينة، قلت في نفسي: هنا سيكبر أطفالي."
                        ),
                    },
                    "attribution": {
                        "en": "Fatma Ben Salah, interviewed in Marseille, 2018",
                        "fr": "Fatma Ben Salah, entretien enregistré à Marseille, 2018",
                        "de": "Fatma Ben Salah, Interview in Marseille, 2018",
                        "ar": "فاطمة بن صالح، مقابلة في مرسيليا، 2018",
                    },
                },
            },
            {
                "type": "oral_history_clip",
                "value": {
                    "oral_history": "from-sfax-to-the-vieux-port",
                    "start": "0:03",
                    "end": "0:16",
                    "introduction": {
                        "en": (
                            "Ali Gharbi interviewed Fatma Ben Salah near the Vieux-Port in 2018. Here "
                            "she remembers the October morning in 1962 when the boat from Tunis "
                            "brought her to Marseille."
                        ),
                        "fr": (
                            "Ali Gharbi a interviewé Fatma Ben Salah près du Vieux-Port en 2018. Elle "
                            "se souvient ici du matin d’octobre 1962 où le bateau de Tunis l’a "
                            "amenée à Marseille."
                        ),
                        "de": (
                            "Ali Gharbi hat Fatma Ben Salah 2018 in der Nähe des Vieux-Port "
                            "interviewt. Hier erinnert sie sich an den Oktobermorgen 1962, an dem "
                            "das Schiff aus Tunis sie nach Marseille brachte."
                        ),
                        "ar": (
                            "أجرى علي الغربي مقابلة مع فاطمة بن صالح قرب الميناء القديم عام 2018. "
                            "وهي تستعيد هنا صباح ذلك اليوم من أكتوبر 1962 حين حملتها الباخرة من "
                            "تونس إلى مرسيليا."
                        ),
                    },
                },
            },
            {
                "type": "map",
                "value": {
                    "heading": {
                        "en": "Routes of arrival",
                        "fr": "Les routes de l’arrivée",
                        "de": "Wege der Ankunft",
                        "ar": "طرق الوصول",
                    },
                    "places": [
                        "la-goulette",
                        "tunis-medina",
                        "sfax",
                        "vieux-port",
                        "belsunce",
                        "port-of-hamburg",
                        "altona",
                    ],
                    "routes": [
                        {
                            "origin": "tunis",
                            "destination": "marseille",
                            "label": {
                                "en": "By ferry from La Goulette, a night and a day at sea",
                                "fr": "En ferry depuis La Goulette, une nuit et un jour en mer",
                                "de": "Mit der Fähre ab La Goulette, eine Nacht und ein Tag auf See",
                                "ar": "بالعبّارة من حلق الوادي، ليلة ويوم في البحر",
                            },
                        },
                        {
                            "origin": "marseille",
                            "destination": "hamburg",
                            "label": {
                                "en": "Onward by train: two days and several changes",
                                "fr": "Puis le train : deux jours et plusieurs correspondances",
                                "de": "Weiter mit dem Zug: zwei Tage und mehrmals umsteigen",
                                "ar": "ثم القطار: يومان من السفر مع تبديل القطار مرّات عدّة",
                            },
                        },
                        {
                            "origin": "hamburg",
                            "destination": "tunis",
                            "label": {
                                "en": "Home for the summer, by car and ferry via Genoa",
                                "fr": "Le retour d’été, en voiture et en ferry par Gênes",
                                "de": "Im Sommer nach Hause, mit Auto und Fähre über Genua",
                                "ar": "العودة صيفًا، بالسيارة والعبّارة عبر جنوة",
                            },
                        },
                    ],
                    "caption": {
                        "en": (
                            "The places in this exhibition and the routes its travellers took. The "
                            "ticket on show from 1963 combined the ferry to Marseille with the train "
                            "to Hamburg."
                        ),
                        "fr": (
                            "Les lieux de l’exposition et les routes empruntées par ses voyageurs. "
                            "Le billet de 1963 présenté ici associait le ferry pour Marseille et le "
                            "train pour Hambourg."
                        ),
                        "de": (
                            "Die Orte der Ausstellung und die Wege ihrer Reisenden. Das hier gezeigte "
                            "Ticket von 1963 verband die Fähre nach Marseille mit dem Zug nach "
                            "Hamburg."
                        ),
                        "ar": (
                            "أماكن المعرض والطرق التي سلكها مسافروه. وقد جمعت التذكرة المعروضة من "
                            "عام 1963 بين العبّارة إلى مرسيليا والقطار إلى هامبورغ."
                        ),
                    },
                },
            },
            {
                "type": "timeline",
                "value": {
                    "heading": {
                        "en": "A century of crossings",
                        "fr": "Un siècle de traversées",
                        "de": "Ein Jahrhundert der Überfahrten",
                        "ar": "قرن من العبور",
                    },
                    "events": [
                        {
                            "year": 1887,
                            "date_label": {
                                "en": "12 March 1887",
                                "fr": "12 mars 1887",
                                "de": "12. März 1887",
                                "ar": "12 مارس 1887",
                            },
                            "title": {
                                "en": "A shipping agent in Marseille writes to Tunis",
                                "fr": "Un agent maritime de Marseille écrit à Tunis",
                                "de": "Ein Schiffsagent in Marseille schreibt nach Tunis",
                                "ar": "وكيل شحن في مرسيليا يكتب إلى تونس",
                            },
                            "text": {
                                "en": (
                                    "Soap, roof tiles and sugar leave for a trading house in the "
                                    "Medina; between the freight rates, the clerk sends personal news."
                                ),
                                "fr": (
                                    "Savon, tuiles et sucre partent pour une maison de commerce de "
                                    "la médina ; entre deux tarifs de fret, le commis glisse des "
                                    "nouvelles personnelles."
                                ),
                                "de": (
                                    "Seife, Dachziegel und Zucker gehen an ein Handelshaus in der "
                                    "Medina; zwischen den Frachtsätzen schreibt der Angestellte auch "
                                    "Persönliches."
                                ),
                                "ar": (
                                    "صابون وقرميد وسكّر تُشحن إلى دار تجارية في المدينة العتيقة، "
                                    "وبين أسعار الشحن يدسّ الكاتب أخبارًا شخصية."
                                ),
                            },
                            "city": "marseille",
                        },
                        {
                            "year": 1896,
                            "date_label": {
                                "en": "November 1896",
                                "fr": "novembre 1896",
                                "de": "November 1896",
                                "ar": "نوفمبر 1896",
                            },
                            "title": {
                                "en": "The great dock strike in Hamburg",
                                "fr": "La grande grève des dockers de Hambourg",
                                "de": "Der große Hafenarbeiterstreik in Hamburg",
                                "ar": "الإضراب الكبير لعمّال ميناء هامبورغ",
                            },
                            "text": {
                                "en": (
                                    "Thousands of dockers stop work for better pay and shorter "
                                    "hours; posters printed overnight in St. Georg call them to "
                                    "meetings."
                                ),
                                "fr": (
                                    "Des milliers de dockers cessent le travail pour de meilleurs "
                                    "salaires et des journées plus courtes ; des affiches imprimées "
                                    "en une nuit à St. Georg les appellent à se réunir."
                                ),
                                "de": (
                                    "Tausende Hafenarbeiter legen die Arbeit nieder, für bessere "
                                    "Löhne und kürzere Schichten; über Nacht in St. Georg gedruckte "
                                    "Plakate rufen sie zu Versammlungen."
                                ),
                                "ar": (
                                    "آلاف من عمّال الميناء يتوقّفون عن العمل مطالبين بأجور أفضل "
                                    "وساعات عمل أقصر، وملصقات طُبعت في ليلة واحدة في سانت غيورغ "
                                    "تدعوهم إلى الاجتماع."
                                ),
                            },
                            "city": "hamburg",
                        },
                        {
                            "year": 1923,
                            "date_label": {
                                "en": "spring 1923",
                                "fr": "printemps 1923",
                                "de": "Frühjahr 1923",
                                "ar": "ربيع 1923",
                            },
                            "title": {
                                "en": "A mother’s letter from Sfax reaches Belsunce",
                                "fr": "La lettre d’une mère de Sfax arrive à Belsunce",
                                "de": "Der Brief einer Mutter aus Sfax erreicht Belsunce",
                                "ar": "رسالة أمّ من صفاقس تصل إلى حي بلسونس",
                            },
                            "text": {
                                "en": (
                                    "Written for her by a public letter-writer, it asks her son for "
                                    "a photograph “so that we can see your face”."
                                ),
                                "fr": (
                                    "Rédigée pour elle par un écrivain public, elle demande au fils "
                                    "une photographie « pour que nous puissions voir ton visage »."
                                ),
                                "de": (
                                    "Ein öffentlicher Schreiber hat ihn für sie verfasst; sie bittet "
                                    "ihren Sohn um ein Foto, „damit wir dein Gesicht sehen können“."
                                ),
                                "ar": (
                                    "كتبها لها كاتب عمومي، وفيها تطلب من ابنها صورة «حتى نرى "
                                    "وجهك»."
                                ),
                            },
                            "city": "marseille",
                        },
                        {
                            "year": 1962,
                            "date_label": {
                                "en": "October 1962",
                                "fr": "octobre 1962",
                                "de": "Oktober 1962",
                                "ar": "أكتوبر 1962",
                            },
                            "title": {
                                "en": "Fatma Ben Salah lands in Marseille",
                                "fr": "Fatma Ben Salah débarque à Marseille",
                                "de": "Fatma Ben Salah kommt in Marseille an",
                                "ar": "فاطمة بن صالح تنزل في مرسيليا",
                            },
                            "text": {
                                "en": (
                                    "She arrives on the boat from Tunis with a suitcase of "
                                    "embroidered linen and settles near the Vieux-Port."
                                ),
                                "fr": (
                                    "Elle arrive par le bateau de Tunis avec une valise de linge "
                                    "brodé et s’installe près du Vieux-Port."
                                ),
                                "de": (
                                    "Sie kommt mit dem Schiff aus Tunis, einen Koffer voll "
                                    "bestickter Wäsche im Gepäck, und lässt sich am Vieux-Port "
                                    "nieder."
                                ),
                                "ar": (
                                    "تصل على متن الباخرة القادمة من تونس ومعها حقيبة من البياضات "
                                    "المطرّزة، وتستقرّ قرب الميناء القديم."
                                ),
                            },
                            "city": "marseille",
                        },
                        {
                            "year": 1963,
                            "date_label": {
                                "en": "September 1963",
                                "fr": "septembre 1963",
                                "de": "September 1963",
                                "ar": "سبتمبر 1963",
                            },
                            "title": {
                                "en": "One ticket from La Goulette to Hamburg",
                                "fr": "Un seul billet de La Goulette à Hambourg",
                                "de": "Ein Ticket von La Goulette bis Hamburg",
                                "ar": "تذكرة واحدة من حلق الوادي إلى هامبورغ",
                            },
                            "text": {
                                "en": (
                                    "Deck class on the ferry to Marseille, then the train north: the "
                                    "ticket was punched at every stage of the journey."
                                ),
                                "fr": (
                                    "En classe pont sur le ferry jusqu’à Marseille, puis le train "
                                    "vers le nord : le billet a été poinçonné à chaque étape."
                                ),
                                "de": (
                                    "Deckklasse auf der Fähre bis Marseille, dann mit dem Zug nach "
                                    "Norden: Das Ticket wurde bei jeder Etappe gelocht."
                                ),
                                "ar": (
                                    "في الدرجة المكشوفة على سطح العبّارة حتى مرسيليا، ثم بالقطار "
                                    "شمالًا: ثُقبت التذكرة في كل مرحلة من الرحلة."
                                ),
                            },
                            "city": "tunis",
                        },
                        {
                            "year": 1969,
                            "date_label": {
                                "en": "March 1969",
                                "fr": "mars 1969",
                                "de": "März 1969",
                                "ar": "مارس 1969",
                            },
                            "title": {
                                "en": "Sami Hamdi sets out for Hamburg",
                                "fr": "Sami Hamdi part pour Hambourg",
                                "de": "Sami Hamdi bricht nach Hamburg auf",
                                "ar": "سامي الحمدي يسافر إلى هامبورغ",
                            },
                            "text": {
                                "en": (
                                    "By ship from La Goulette to Genoa, then three days by train. He "
                                    "works on the quays until he retires."
                                ),
                                "fr": (
                                    "En bateau de La Goulette à Gênes, puis trois jours de train. Il "
                                    "travaillera sur les quais jusqu’à sa retraite."
                                ),
                                "de": (
                                    "Mit dem Schiff von La Goulette nach Genua, dann drei Tage mit "
                                    "dem Zug. Bis zur Rente arbeitet er an den Kais."
                                ),
                                "ar": (
                                    "بالباخرة من حلق الوادي إلى جنوة، ثم ثلاثة أيام بالقطار. وسيعمل "
                                    "على الأرصفة حتى تقاعده."
                                ),
                            },
                            "city": "hamburg",
                        },
                        {
                            "year": 2016,
                            "date_label": {
                                "en": "March 2016",
                                "fr": "mars 2016",
                                "de": "März 2016",
                                "ar": "مارس 2016",
                            },
                            "title": {
                                "en": "The crossing, embroidered in La Goulette",
                                "fr": "La traversée brodée à La Goulette",
                                "de": "Die Überfahrt, gestickt in La Goulette",
                                "ar": "العبور مطرّزًا في حلق الوادي",
                            },
                            "text": {
                                "en": (
                                    "Twenty-four women and girls stitch a community sampler; one "
                                    "square shows the ferry to Marseille."
                                ),
                                "fr": (
                                    "Vingt-quatre femmes et jeunes filles brodent un ouvrage "
                                    "collectif ; l’un des carrés représente le ferry pour Marseille."
                                ),
                                "de": (
                                    "Vierundzwanzig Frauen und Mädchen sticken ein gemeinsames "
                                    "Mustertuch; ein Feld zeigt die Fähre nach Marseille."
                                ),
                                "ar": (
                                    "أربع وعشرون امرأة وفتاة يطرّزن قطعة جماعية، ويظهر في أحد "
                                    "مربّعاتها العبّارة المتّجهة إلى مرسيليا."
                                ),
                            },
                            "city": "tunis",
                        },
                    ],
                },
            },
            # Chapter 2, written by the Hamburg archive.
            {
                "type": "heading",
                "value": {
                    "text": {
                        "en": "Work on the quays",
                        "fr": "Le travail sur les quais",
                        "de": "Arbeit an den Kais",
                        "ar": "العمل على الأرصفة",
                    },
                    "anchor": "work-on-the-quays",
                    "institution": "hafen-archiv",
                },
            },
            {
                "type": "paragraph",
                "value": {
                    "en": (
                        "<p>Arrival often meant work. In Hamburg, the diaries of the docker "
                        "<strong>Karl Voss</strong> record shifts, wages and the weather from the "
                        "1930s to the 1970s, while the portraits made by <strong>Studio "
                        "Kahn</strong> show men proud of their hooks and caps. From 1969 "
                        "<strong>Sami Hamdi</strong>, who had sailed from La Goulette, worked on the "
                        "same quays, first with a hook and later at the controls of a crane.</p>"
                    ),
                    "fr": (
                        "<p>Arriver, c’était souvent travailler. À Hambourg, le journal du docker "
                        "<strong>Karl Voss</strong> consigne ses postes, ses salaires et le temps "
                        "qu’il faisait, des années 1930 aux années 1970, tandis que les portraits "
                        "du <strong>Studio Kahn</strong> montrent des hommes fiers de leur crochet "
                        "et de leur casquette. À partir de 1969, <strong>Sami Hamdi</strong>, parti "
                        "de La Goulette, travaille sur les mêmes quais, d’abord au crochet, puis aux "
                        "commandes d’une grue.</p>"
                    ),
                    "de": (
                        "<p>Ankommen hieß oft arbeiten. In Hamburg verzeichnen die Tagebücher des "
                        "Hafenarbeiters <strong>Karl Voss</strong> von den 1930er- bis in die "
                        "1970er-Jahre Schichten, Löhne und das Wetter, während die Porträts aus dem "
                        "<strong>Studio Kahn</strong> Männer zeigen, die stolz Haken und Mütze "
                        "tragen. Ab 1969 arbeitete <strong>Sami Hamdi</strong>, der von La Goulette "
                        "aus aufgebrochen war, an denselben Kais – zuerst mit dem Haken, später im "
                        "Führerhaus eines Krans.</p>"
                    ),
                    "ar": (
                        "<p>كثيرًا ما كان الوصول يعني العمل. ففي هامبورغ تسجّل يوميات عامل الميناء "
                        "<strong>كارل فوس</strong> نوبات عمله وأجوره وأحوال الطقس من ثلاثينيات "
                        "القرن العشرين إلى سبعينياته، بينما تُظهر صور <strong>استوديو كان</strong> "
                        "رجالًا يعتزّون بخطاطيفهم وقبّعاتهم. ومنذ عام 1969 عمل <strong>سامي "
                        "الحمدي</strong>، الذي أبحر من حلق الوادي، على الأرصفة نفسها، بالخطّاف "
                        "أولًا ثم في مقصورة رافعة.</p>"
                    ),
                },
            },
            {
                "type": "artifact_showcase",
                "value": {
                    "heading": {
                        "en": "Tools and papers of harbour work",
                        "fr": "Outils et papiers du travail portuaire",
                        "de": "Werkzeuge und Papiere der Hafenarbeit",
                        "ar": "أدوات العمل في الميناء ووثائقه",
                    },
                    "items": [
                        {
                            "artifact": "hw-dockers-hook",
                            "caption": {
                                "en": (
                                    "Look at the handle: decades of sweat and tar have worn the "
                                    "beech dark and smooth."
                                ),
                                "fr": (
                                    "Observez le manche : des décennies de sueur et de goudron ont "
                                    "poli et noirci le hêtre."
                                ),
                                "de": (
                                    "Achten Sie auf den Griff: Jahrzehnte voller Schweiß und Teer "
                                    "haben das Buchenholz dunkel und glatt werden lassen."
                                ),
                                "ar": (
                                    "تأمّلوا المقبض: عقود من العرق والقطران صقلت خشب الزان "
                                    "وأكسبته لونًا داكنًا."
                                ),
                            },
                        },
                        {
                            "artifact": "hw-work-cards-1951-1974",
                            "caption": {
                                "en": (
                                    "The later cards belong to men who had come from Portugal, "
                                    "Turkey and Tunisia."
                                ),
                                "fr": (
                                    "Les cartes les plus récentes appartenaient à des hommes venus "
                                    "du Portugal, de Turquie et de Tunisie."
                                ),
                                "de": (
                                    "Die späteren Karten gehörten Männern, die aus Portugal, der "
                                    "Türkei und Tunesien gekommen waren."
                                ),
                                "ar": (
                                    "تعود البطاقات الأحدث إلى رجال قدموا من البرتغال وتركيا "
                                    "وتونس."
                                ),
                            },
                        },
                        {
                            "artifact": "hw-seamans-discharge-book",
                            "caption": {
                                "en": (
                                    "Its stamps follow a seaman from La Goulette via Marseille and "
                                    "Genoa to Hamburg, where he gave up the sea for the quays."
                                ),
                                "fr": (
                                    "Ses tampons suivent un marin de La Goulette, par Marseille et "
                                    "Gênes, jusqu’à Hambourg, où il quitte la mer pour les quais."
                                ),
                                "de": (
                                    "Die Stempel folgen einem Seemann aus La Goulette über Marseille "
                                    "und Genua bis nach Hamburg, wo er die See gegen die Kais "
                                    "tauschte."
                                ),
                                "ar": (
                                    "تتبّع أختامه بحّارًا من حلق الوادي مرورًا بمرسيليا وجنوة حتى "
                                    "هامبورغ، حيث ترك البحر ليعمل على الأرصفة."
                                ),
                            },
                        },
                        {
                            "artifact": "lp-postcard-from-hamburg-1974",
                            "caption": {
                                "en": (
                                    "Sent from Hamburg to former workmates at the Vieux-Port: the "
                                    "cranes are enormous and the winter never ends."
                                ),
                                "fr": (
                                    "Envoyée de Hambourg aux anciens camarades du Vieux-Port : les "
                                    "grues sont immenses et l’hiver n’en finit pas."
                                ),
                                "de": (
                                    "Aus Hamburg an die früheren Kollegen am Vieux-Port: Die Kräne "
                                    "sind riesig, und der Winter nimmt kein Ende."
                                ),
                                "ar": (
                                    "أُرسلت من هامبورغ إلى رفاق العمل القدامى في الميناء القديم: "
                                    "الرافعات ضخمة والشتاء لا ينتهي."
                                ),
                            },
                        },
                    ],
                },
            },
            {
                "type": "gallery",
                "value": {
                    "heading": {
                        "en": "On the quays",
                        "fr": "Sur les quais",
                        "de": "An den Kais",
                        "ar": "على الأرصفة",
                    },
                    # Each image brings its artifact's description, caption and credit.
                    "images": [
                        {"image": "hw-harbour-photographs-voss-0"},
                        {"image": "hw-harbour-photographs-voss-2"},
                        {"image": "lp-family-album-sfax-marseille-3"},
                        {"image": "td-hamburg-factory-overall-2"},
                        {"image": "lp-postcard-from-hamburg-1974-0"},
                    ],
                },
            },
            {
                "type": "oral_history_clip",
                "value": {
                    "oral_history": "nights-on-the-ferry",
                    "start": "0:13",
                    "end": "0:29",
                    "introduction": {
                        "en": (
                            "Sami Hamdi, interviewed by Lea Schulte in 2019, remembers his first "
                            "winter on the quays and the move from the hook to the crane cab. The "
                            "name of a former colleague, who did not wish to be named, is silenced "
                            "in this passage."
                        ),
                        "fr": (
                            "Sami Hamdi, interviewé par Lea Schulte en 2019, se souvient de son "
                            "premier hiver sur les quais et de son passage du crochet à la cabine "
                            "de la grue. Le nom d’un ancien collègue, qui n’a pas souhaité être "
                            "cité, est rendu inaudible dans ce passage."
                        ),
                        "de": (
                            "Sami Hamdi, 2019 von Lea Schulte interviewt, erinnert sich an seinen "
                            "ersten Winter an den Kais und an den Wechsel vom Haken ins Führerhaus "
                            "des Krans. Der Name eines früheren Kollegen, der nicht genannt werden "
                            "wollte, ist in dieser Passage stummgeschaltet."
                        ),
                        "ar": (
                            "يستعيد سامي الحمدي، في مقابلة أجرتها معه ليا شولته عام 2019، شتاءه "
                            "الأول على الأرصفة وانتقاله من الخطّاف إلى مقصورة الرافعة. وقد حُجب في "
                            "هذا المقطع اسم زميل سابق لم يرغب في ذكر اسمه."
                        ),
                    },
                },
            },
            # Chapter 3, written by the community centre in La Goulette.
            {
                "type": "heading",
                "value": {
                    "text": {
                        "en": "Waiting and returning",
                        "fr": "Attendre et revenir",
                        "de": "Warten und Heimkehren",
                        "ar": "الانتظار والعودة",
                    },
                    "anchor": "waiting-and-returning",
                    "institution": "cc-la-goulette",
                },
            },
            {
                "type": "quote",
                "value": {
                    "text": "كنّا نستنّاو البابور كيما نستنّاو العيد.",
                    "attribution": {
                        "en": "Amina Chebbi, Tunis, 2022",
                        "fr": "Amina Chebbi, Tunis, 2022",
                        "de": "Amina Chebbi, Tunis, 2022",
                        "ar": "آمنة الشابي، تونس، 2022",
                    },
                    "language": "aeb",
                },
            },
            {
                "type": "paragraph",
                "value": {
                    "en": (
                        "<p>“We waited for the ship the way we waited for Eid,” says Amina Chebbi, "
                        "remembering summers in Tunis when relatives came home from Europe. The "
                        "last section of the exhibition is devoted to these homecomings: ferry "
                        "tickets, suitcases, gifts and photographs taken on the quayside at La "
                        "Goulette. Visitors are invited to share their own stories of arrival with "
                        "the partner institutions.</p>"
                    ),
                    "fr": (
                        "<p>« On attendait le bateau comme on attendait l’Aïd », raconte Amina "
                        "Chebbi en évoquant les étés tunisois où les proches rentraient d’Europe. "
                        "La dernière section de l’exposition est consacrée à ces retours : billets "
                        "de ferry, valises, cadeaux et photographies prises sur le quai de La "
                        "Goulette. Les visiteurs sont invités à confier leurs propres récits "
                        "d’arrivée aux institutions partenaires.</p>"
                    ),
                    "de": (
                        "<p>„Wir haben auf das Schiff gewartet wie auf das Eid-Fest“, erzählt Amina "
                        "Chebbi und erinnert sich an die Sommer in Tunis, wenn Verwandte aus Europa "
                        "heimkehrten. Der letzte Teil der Ausstellung widmet sich dieser Heimkehr: "
                        "Fährtickets, Koffer, Geschenke und Fotos vom Kai in La Goulette. "
                        "Besucherinnen und Besucher sind eingeladen, ihre eigenen "
                        "Ankunftsgeschichten mit den Partnerinstitutionen zu teilen.</p>"
                    ),
                    "ar": (
                        "<p>«كنّا ننتظر الباخرة كما ننتظر العيد»، تقول آمنة الشابي مستعيدةً فصول "
                        "الصيف في تونس حين كان الأقارب يعودون من أوروبا. ويُخصَّص القسم الأخير من "
                        "المعرض لهذه العودة: تذاكر العبّارات والحقائب والهدايا والصور الملتقطة على "
                        "رصيف حلق الوادي. ويُدعى الزوّار إلى مشاركة حكايات وصولهم مع المؤسسات "
                        "الشريكة.</p>"
                    ),
                },
            },
            {
                "type": "image",
                "value": {
                    "image": "lp-wedding-photograph-1967-0",
                    "caption": {
                        "en": (
                            "Summer 1967: a docker from Marseille marries in La Goulette, and Photo "
                            "Studio El Amal sends a photographer to the family courtyard."
                        ),
                        "fr": (
                            "Été 1967 : un docker de Marseille se marie à La Goulette, et le studio "
                            "photo El Amal envoie un photographe dans la cour de la maison familiale."
                        ),
                        "de": (
                            "Sommer 1967: Ein Hafenarbeiter aus Marseille heiratet in La Goulette, "
                            "und das Fotostudio El Amal schickt einen Fotografen in den Innenhof der "
                            "Familie."
                        ),
                        "ar": (
                            "صيف 1967: عامل ميناء من مرسيليا يتزوّج في حلق الوادي، ويرسل استوديو "
                            "الأمل للتصوير مصوّرًا إلى صحن بيت العائلة."
                        ),
                    },
                },
            },
            {
                "type": "oral_history_clip",
                "value": {
                    "oral_history": "letters-read-aloud",
                    "start": "0:03",
                    "end": "0:27",
                    "introduction": {
                        "en": (
                            "Fatma Ben Salah reads a letter her mother sent from Sfax in 1964, and "
                            "Amina Chebbi remembers what families left out of their letters. The "
                            "narrators shared this recording with the Tunisians of Marseille "
                            "community only: its members can sign in to listen."
                        ),
                        "fr": (
                            "Fatma Ben Salah lit une lettre que sa mère lui a envoyée de Sfax en "
                            "1964, et Amina Chebbi se souvient de ce que les familles taisaient "
                            "dans leurs lettres. Les narratrices ont réservé cet enregistrement à la "
                            "communauté des Tunisiens de Marseille : ses membres peuvent se "
                            "connecter pour l’écouter."
                        ),
                        "de": (
                            "Fatma Ben Salah liest einen Brief vor, den ihre Mutter ihr 1964 aus "
                            "Sfax schickte, und Amina Chebbi erinnert sich daran, was Familien in "
                            "ihren Briefen verschwiegen. Die Erzählerinnen haben diese Aufnahme nur "
                            "für die Gemeinschaft der Tunesier in Marseille freigegeben: Ihre "
                            "Mitglieder können sich anmelden, um sie zu hören."
                        ),
                        "ar": (
                            "تقرأ فاطمة بن صالح رسالة بعثت بها إليها أمّها من صفاقس عام 1964، "
                            "وتستحضر آمنة الشابي ما كانت العائلات تسكت عنه في رسائلها. وقد خصّت "
                            "الراويتان جالية تونسيي مرسيليا وحدها بهذا التسجيل، ويمكن لأعضائها "
                            "تسجيل الدخول للاستماع إليه."
                        ),
                    },
                },
            },
            {
                "type": "parallel_perspectives",
                "value": {
                    "heading": {
                        "en": "Arriving, in their own words",
                        "fr": "Arriver, avec leurs propres mots",
                        "de": "Ankommen – in eigenen Worten",
                        "ar": "الوصول بكلماتهم",
                    },
                    "voices": [
                        {
                            "speaker": {
                                "en": "Amina Chebbi, retired teacher",
                                "fr": "Amina Chebbi, enseignante à la retraite",
                                "de": "Amina Chebbi, pensionierte Lehrerin",
                                "ar": "آمنة الشابي، معلّمة متقاعدة",
                            },
                            "city": "tunis",
                            "institution": "cc-la-goulette",
                            "language": "aeb",
                            "text": (
                                "كل صيف كنّا نمشيو لحلق الوادي نستنّاو البابور. كي نشوفو الناس "
                                "هابطين بالشنطات والهدايا، نعرفو اللي الصيف بدا بالحق."
                            ),
                            "translation": {
                                "en": (
                                    "Every summer we went to La Goulette to wait for the ship. When "
                                    "we saw people coming down with their suitcases and presents, "
                                    "we knew that summer had really begun."
                                ),
                                "fr": (
                                    "Chaque été, nous allions à La Goulette attendre le bateau. "
                                    "Quand nous voyions les gens descendre avec leurs valises et "
                                    "leurs cadeaux, nous savions que l’été avait vraiment commencé."
                                ),
                                "de": (
                                    "Jeden Sommer gingen wir nach La Goulette und warteten auf das "
                                    "Schiff. Wenn wir die Leute mit ihren Koffern und Geschenken "
                                    "von Bord kommen sahen, wussten wir: Jetzt hat der Sommer "
                                    "wirklich begonnen."
                                ),
                                "ar": (
                                    "كنّا نذهب كل صيف إلى حلق الوادي لننتظر الباخرة. وحين نرى الناس "
                                    "ينزلون بحقائبهم وهداياهم، ندرك أن الصيف قد بدأ حقًّا."
                                ),
                            },
                        },
                        {
                            "speaker": {
                                "en": "Sami Hamdi, former docker and crane operator",
                                "fr": "Sami Hamdi, ancien docker et grutier",
                                "de": "Sami Hamdi, ehemaliger Hafenarbeiter und Kranführer",
                                "ar": "سامي الحمدي، عامل ميناء وسائق رافعة سابقًا",
                            },
                            "city": "hamburg",
                            "institution": "hafen-archiv",
                            "language": "de",
                            "text": (
                                "Im ersten Winter habe ich nur die Wörter vom Kai verstanden. Aber "
                                "da hat keiner gefragt, woher du kommst – nur, ob du mit anpacken "
                                "kannst."
                            ),
                            "translation": {
                                "en": (
                                    "That first winter I understood only the words of the quay. But "
                                    "nobody there asked where you came from – only whether you "
                                    "could pull your weight."
                                ),
                                "fr": (
                                    "Le premier hiver, je ne comprenais que les mots du quai. Mais "
                                    "là-bas, personne ne demandait d’où tu venais, seulement si tu "
                                    "savais mettre la main à la pâte."
                                ),
                                "de": "",  # already in the page's language
                                "ar": (
                                    "في الشتاء الأول لم أكن أفهم سوى كلمات الرصيف. لكن لم يسألني "
                                    "أحد هناك من أين أتيت، بل كان السؤال الوحيد: هل تقدر أن تشمّر "
                                    "عن ساعديك معنا؟"
                                ),
                            },
                        },
                        {
                            "speaker": {
                                "en": "Fatma Ben Salah, who came to Marseille in 1962",
                                "fr": "Fatma Ben Salah, arrivée à Marseille en 1962",
                                "de": "Fatma Ben Salah, 1962 nach Marseille gekommen",
                                "ar": "فاطمة بن صالح، وصلت إلى مرسيليا عام 1962",
                            },
                            "city": "marseille",
                            "institution": "mmp-marseille",
                            "language": "fr",
                            "text": (
                                "Personne ne m’attendait sur le quai. Ce sont les voisines du "
                                "palier qui sont devenues ma famille : elles m’ont appris la soupe "
                                "au pistou, et moi, je leur ai appris le couscous au poisson."
                            ),
                            "translation": {
                                "en": (
                                    "Nobody was waiting for me on the quay. The women next door "
                                    "became my family: they taught me soupe au pistou, and I taught "
                                    "them fish couscous."
                                ),
                                "fr": "",  # already in the page's language
                                "de": (
                                    "Niemand hat am Kai auf mich gewartet. Die Nachbarinnen auf "
                                    "meinem Stockwerk wurden meine Familie: Sie haben mir die Soupe "
                                    "au pistou beigebracht und ich ihnen den Fischcouscous."
                                ),
                                "ar": (
                                    "لم يكن أحد ينتظرني على الرصيف. جاراتي في الطابق صرن عائلتي: "
                                    "علّمنني حساء البيستو، وعلّمتهنّ الكسكسي بالسمك."
                                ),
                            },
                        },
                    ],
                },
            },
        ],
    },
    # --- Threads across the Sea ---------------------------------------------------------------
    {
        "slug": "threads-across-the-sea",
        "title": {
            "en": "Threads across the Sea",
            "fr": "Des fils par-delà la mer",
            "de": "Fäden über das Meer",
            "ar": "خيوط عبر البحر",
        },
        "introduction": {
            "en": (
                "Threads across the Sea brings together embroidered garments, woven fabrics and "
                "pattern books from the Medina of Tunis and from the embroidery circle of the "
                "Kulturzentrum St. Georg in Hamburg. It shows how a craft learned in the souks "
                "travelled north and found new hands, new motifs and new meanings."
            ),
            "fr": (
                "« Des fils par-delà la mer » réunit des vêtements brodés, des étoffes tissées et "
                "des cahiers de motifs de la médina de Tunis et du cercle de broderie du "
                "Kulturzentrum St. Georg à Hambourg. L’exposition montre comment un savoir-faire "
                "appris dans les souks a voyagé vers le nord et y a trouvé de nouvelles mains, de "
                "nouveaux motifs et de nouvelles significations."
            ),
            "de": (
                "„Fäden über das Meer“ vereint bestickte Gewänder, gewebte Stoffe und Musterbücher "
                "aus der Medina von Tunis und aus dem Stickkreis des Kulturzentrums St. Georg in "
                "Hamburg. Die Ausstellung zeigt, wie ein in den Souks erlerntes Handwerk nach Norden "
                "reiste und dort neue Hände, neue Motive und neue Bedeutungen fand."
            ),
            "ar": (
                "يجمع معرض «خيوط عبر البحر» أزياء مطرّزة وأقمشة منسوجة ودفاتر نقوش من مدينة تونس "
                "العتيقة ومن حلقة التطريز في المركز الثقافي سانت غيورغ بهامبورغ. ويبيّن كيف سافرت "
                "حرفة تُعُلِّمت في الأسواق نحو الشمال، فوجدت هناك أيادي جديدة ونقوشًا جديدة "
                "ومعاني جديدة."
            ),
        },
        "co_curators": ["dar-medina", "kz-st-georg"],
        "hero_motif": "textile",
        "hero_alt": {
            "en": "Illustration of an embroidered textile pattern in gold, red and indigo.",
            "fr": "Illustration d’un motif textile brodé en or, rouge et indigo.",
            "de": "Illustration eines bestickten Textilmusters in Gold, Rot und Indigo.",
            "ar": "رسم لنقش نسيجي مطرّز بالذهبي والأحمر والنيلي.",
        },
        "venues": [
            {
                "city": "tunis",
                "institution": "dar-medina",
                "venue": {
                    "en": "Dar el-Medina Museum, rooms around the courtyard",
                    "fr": "Musée Dar el-Medina, salles autour du patio",
                    "de": "Museum Dar el-Medina, Räume um den Innenhof",
                    "ar": "متحف دار المدينة، القاعات المحيطة بالصحن",
                },
                "opens_in_days": -14,
                "closes_in_days": 110,
            },
            {
                "city": "hamburg",
                "institution": "kz-st-georg",
                "venue": {
                    "en": "Kulturzentrum St. Georg, hall on the ground floor",
                    "fr": "Kulturzentrum St. Georg, salle du rez-de-chaussée",
                    "de": "Kulturzentrum St. Georg, Saal im Erdgeschoss",
                    "ar": "المركز الثقافي سانت غيورغ، القاعة في الطابق الأرضي",
                },
                "opens_in_days": 150,
                "closes_in_days": 270,
            },
        ],
        "credits": [
            {
                "person": "amina-chebbi",
                "institution": "dar-medina",
                "role": {
                    "en": "Guest curator",
                    "fr": "Commissaire invitée",
                    "de": "Gastkuratorin",
                    "ar": "قيّمة ضيفة",
                },
            },
            {
                "person": "mounira-jaziri",
                "institution": "kz-st-georg",
                "role": {
                    "en": "Co-curator, embroidery circle",
                    "fr": "Co-commissaire, cercle de broderie",
                    "de": "Ko-Kuratorin, Stickkreis",
                    "ar": "قيّمة مشاركة، حلقة التطريز",
                },
            },
        ],
        "story": [
            {
                "type": "heading",
                "value": {
                    "text": {
                        "en": "From the souks of the Medina",
                        "fr": "Des souks de la médina",
                        "de": "Aus den Souks der Medina",
                        "ar": "من أسواق المدينة العتيقة",
                    },
                    "anchor": "souks-of-the-medina",
                    "institution": "dar-medina",
                },
            },
            {
                "type": "paragraph",
                "value": {
                    "en": (
                        "<p>In the Medina of Tunis, embroidery was both a trade and a family art. "
                        "Workshops such as the <strong>Atelier Bouaziz</strong> wove silk and wool "
                        "for wedding garments, which women then embroidered at home with gold and "
                        "silver thread, following pattern books handed down through the "
                        "generations. <strong>Mounira Jaziri</strong> learned her first stitches in "
                        "one of these workshops as a girl.</p>"
                    ),
                    "fr": (
                        "<p>Dans la médina de Tunis, la broderie était à la fois un métier et un art "
                        "familial. Des ateliers comme l’<strong>Atelier Bouaziz</strong> tissaient la "
                        "soie et la laine des tenues de mariage, que les femmes brodaient ensuite "
                        "chez elles au fil d’or et d’argent, d’après des cahiers de motifs transmis "
                        "de génération en génération. C’est dans l’un de ces ateliers que "
                        "<strong>Mounira Jaziri</strong>, encore enfant, a appris ses premiers "
                        "points.</p>"
                    ),
                    "de": (
                        "<p>In der Medina von Tunis war Stickerei Handwerk und Familienkunst "
                        "zugleich. Werkstätten wie das <strong>Atelier Bouaziz</strong> webten Seide "
                        "und Wolle für Hochzeitsgewänder, die Frauen anschließend zu Hause mit Gold- "
                        "und Silberfaden bestickten – nach Musterbüchern, die von Generation zu "
                        "Generation weitergegeben wurden. In einer dieser Werkstätten lernte "
                        "<strong>Mounira Jaziri</strong> als Mädchen ihre ersten Stiche.</p>"
                    ),
                    "ar": (
                        "<p>في مدينة تونس العتيقة كان التطريز حرفةً وفنًّا عائليًّا في آن واحد. "
                        "فقد نسجت ورشات مثل <strong>ورشة بوعزيز</strong> الحرير والصوف لأزياء "
                        "الأعراس، ثم طرّزتها النساء في البيوت بخيوط الذهب والفضة وفق دفاتر نقوش "
                        "تناقلتها الأجيال. وفي إحدى هذه الورشات تعلّمت <strong>منيرة "
                        "الجزيري</strong> غرزها الأولى وهي طفلة.</p>"
                    ),
                },
            },
            {
                "type": "artifact_showcase",
                "value": {
                    "heading": {
                        "en": "From the museum’s stores",
                        "fr": "Des réserves du musée",
                        "de": "Aus dem Depot des Museums",
                        "ar": "من مخازن المتحف",
                    },
                    "items": [
                        {
                            "artifact": "td-keswa-kbira-wedding-dress",
                            "caption": {
                                "en": "Three generations of brides wore it before it came to the museum in 1972.",
                                "fr": "Trois générations de mariées l’ont portée avant son entrée au musée en 1972.",
                                "de": "Drei Generationen von Bräuten trugen es, bevor es 1972 ins Museum kam.",
                                "ar": "ارتدتها ثلاثة أجيال من العرائس قبل أن تدخل المتحف عام 1972.",
                            },
                        },
                        {
                            "artifact": "td-embroidery-pattern-book",
                            "caption": {
                                "en": "Tunisian stars beside roses copied from a French magazine.",
                                "fr": "Des étoiles tunisiennes à côté de roses copiées dans un magazine français.",
                                "de": "Tunesische Sterne neben Rosen, abgezeichnet aus einer französischen Zeitschrift.",
                                "ar": "نجوم تونسية إلى جانب ورود منقولة عن مجلّة فرنسية.",
                            },
                        },
                        {
                            "artifact": "td-khomsa-silver-pendant",
                            "caption": {
                                "en": "The hand that protects, one of the motifs that crossed the sea.",
                                "fr": "La main qui protège, l’un des motifs qui ont traversé la mer.",
                                "de": "Die schützende Hand, eines der Motive, die das Meer überquerten.",
                                "ar": "اليد الحامية، أحد النقوش التي عبرت البحر.",
                            },
                        },
                    ],
                },
            },
            {
                "type": "quote",
                "value": {
                    "text": "Im Kurs sprechen wir vier Sprachen, aber die Stiche verstehen alle.",
                    "attribution": {
                        "en": "Mounira Jaziri, Hamburg",
                        "fr": "Mounira Jaziri, Hambourg",
                        "de": "Mounira Jaziri, Hamburg",
                        "ar": "منيرة الجزيري، هامبورغ",
                    },
                    "language": "de",
                },
            },
            {
                "type": "heading",
                "value": {
                    "text": {
                        "en": "An embroidery circle in St. Georg",
                        "fr": "Un cercle de broderie à St. Georg",
                        "de": "Ein Stickkreis in St. Georg",
                        "ar": "حلقة تطريز في سانت غيورغ",
                    },
                    "anchor": "embroidery-circle",
                    "institution": "kz-st-georg",
                },
            },
            {
                "type": "paragraph",
                "value": {
                    "en": (
                        "<p>“In class we speak four languages, but everyone understands the "
                        "stitches.” Since the 1980s Mounira Jaziri has run an embroidery circle at "
                        "the <strong>Kulturzentrum St. Georg</strong>. Women from Tunisia, Turkey, "
                        "Poland and Germany meet there every week, and the pieces they have made "
                        "together are shown here for the first time, alongside historic garments "
                        "from the <strong>Dar el-Medina Museum</strong>.</p>"
                    ),
                    "fr": (
                        "<p>« En cours, nous parlons quatre langues, mais tout le monde comprend les "
                        "points. » Depuis les années 1980, Mounira Jaziri anime un cercle de "
                        "broderie au <strong>Kulturzentrum St. Georg</strong>. Des femmes venues de "
                        "Tunisie, de Turquie, de Pologne et d’Allemagne s’y retrouvent chaque "
                        "semaine ; les pièces qu’elles ont réalisées ensemble sont présentées ici "
                        "pour la première fois, aux côtés de vêtements anciens du <strong>musée Dar "
                        "el-Medina</strong>.</p>"
                    ),
                    "de": (
                        "<p>Seit den 1980er-Jahren leitet Mounira Jaziri einen Stickkreis im "
                        "<strong>Kulturzentrum St. Georg</strong>. Frauen aus Tunesien, der Türkei, "
                        "Polen und Deutschland treffen sich dort jede Woche; die Stücke, die sie "
                        "gemeinsam gefertigt haben, sind hier zum ersten Mal zu sehen – neben "
                        "historischen Gewändern aus dem <strong>Museum Dar el-Medina</strong>.</p>"
                    ),
                    "ar": (
                        "<p>«في الدرس نتحدّث أربع لغات، لكن الجميع يفهمون الغرز». منذ ثمانينيات "
                        "القرن العشرين تدير منيرة الجزيري حلقة للتطريز في <strong>المركز الثقافي "
                        "سانت غيورغ</strong>، تلتقي فيها كل أسبوع نساء من تونس وتركيا وبولندا "
                        "وألمانيا. وتُعرض هنا للمرة الأولى القطع التي أنجزنها معًا، إلى جانب أزياء "
                        "تاريخية من <strong>متحف دار المدينة</strong>.</p>"
                    ),
                },
            },
            {
                "type": "oral_history_clip",
                "value": {
                    "oral_history": "needle-and-thread",
                    "start": "0:08",
                    "end": "0:22",
                    "introduction": {
                        "en": (
                            "Mounira Jaziri tells Lea Schulte how she followed her husband to "
                            "Hamburg in 1974 and founded her embroidery circle. At her request, the "
                            "recording will be open to the public only from 2031."
                        ),
                        "fr": (
                            "Mounira Jaziri raconte à Lea Schulte comment elle a suivi son mari à "
                            "Hambourg en 1974 et fondé son cercle de broderie. À sa demande, "
                            "l’enregistrement ne sera accessible au public qu’à partir de 2031."
                        ),
                        "de": (
                            "Mounira Jaziri erzählt Lea Schulte, wie sie 1974 ihrem Mann nach "
                            "Hamburg folgte und ihren Stickkreis gründete. Auf ihren Wunsch wird die "
                            "Aufnahme erst ab 2031 öffentlich zugänglich sein."
                        ),
                        "ar": (
                            "تروي منيرة الجزيري لليا شولته كيف لحقت بزوجها إلى هامبورغ عام 1974 "
                            "وأسّست حلقة التطريز. وبطلب منها، لن يُتاح التسجيل للجمهور إلا ابتداءً "
                            "من عام 2031."
                        ),
                    },
                },
            },
            {
                "type": "heading",
                "value": {
                    "text": {
                        "en": "Patterns that travel",
                        "fr": "Des motifs qui voyagent",
                        "de": "Muster auf Reisen",
                        "ar": "نقوش مسافرة",
                    },
                    "anchor": "patterns-that-travel",
                    "institution": "dar-medina",
                },
            },
            {
                "type": "paragraph",
                "value": {
                    "en": (
                        "<p>The fish that brings good fortune, the hand that protects, the cypress "
                        "that stands for life: Tunisian motifs crossed the sea in trousseaus and "
                        "suitcases. In Hamburg they met anchors, ships and northern flowers, and new "
                        "designs emerged. The exhibition ends with a shared cloth begun in Tunis "
                        "and finished in Hamburg, to which visitors may add a stitch of their "
                        "own.</p>"
                    ),
                    "fr": (
                        "<p>Le poisson qui porte chance, la main qui protège, le cyprès symbole de "
                        "vie : les motifs tunisiens ont traversé la mer dans les trousseaux et les "
                        "valises. À Hambourg, ils ont rencontré ancres, navires et fleurs du Nord, "
                        "et de nouveaux dessins sont nés. L’exposition s’achève sur une étoffe "
                        "commune, commencée à Tunis et terminée à Hambourg, à laquelle chaque "
                        "visiteur peut ajouter son propre point.</p>"
                    ),
                    "de": (
                        "<p>Der Fisch, der Glück bringt, die schützende Hand, die Zypresse als "
                        "Sinnbild des Lebens: Tunesische Motive überquerten das Meer in "
                        "Aussteuertruhen und Koffern. In Hamburg begegneten sie Ankern, Schiffen und "
                        "Blumen des Nordens, und neue Entwürfe entstanden. Die Ausstellung endet mit "
                        "einem gemeinsamen Tuch, das in Tunis begonnen und in Hamburg vollendet "
                        "wurde – Besucherinnen und Besucher können selbst einen Stich "
                        "hinzufügen.</p>"
                    ),
                    "ar": (
                        "<p>السمكة التي تجلب الحظ، واليد التي تحمي، والسروة رمز الحياة: عبرت "
                        "النقوش التونسية البحر في صناديق الجهاز وفي الحقائب. وفي هامبورغ التقت "
                        "بالمراسي والسفن وأزهار الشمال، فوُلدت تصاميم جديدة. ويُختتم المعرض بقطعة "
                        "قماش مشتركة بدأ تطريزها في تونس واكتمل في هامبورغ، ويمكن لكل زائر أن يضيف "
                        "إليها غرزته.</p>"
                    ),
                },
            },
            {
                "type": "gallery",
                "value": {
                    "heading": {
                        "en": "From the pattern book to the sampler",
                        "fr": "Du cahier de motifs à l’ouvrage collectif",
                        "de": "Vom Musterbuch zum Gemeinschaftstuch",
                        "ar": "من دفتر النقوش إلى القطعة الجماعية",
                    },
                    "images": [
                        {"image": "td-embroidery-pattern-book-1"},
                        {"image": "td-embroidery-pattern-book-4"},
                        {"image": "td-embroidered-cushion-covers-0"},
                        {"image": "td-la-goulette-community-sampler-1"},
                    ],
                },
            },
            {
                "type": "quote",
                "value": {
                    "text": {
                        "en": "Every stitch my mother made was a letter to someone far away.",
                        "fr": "Chaque point que brodait ma mère était une lettre pour quelqu’un de lointain.",
                        "de": "Jeder Stich meiner Mutter war ein Brief an jemanden in der Ferne.",
                        "ar": "كانت كل غرزة تطرّزها أمّي رسالةً إلى شخص بعيد.",
                    },
                    "attribution": {
                        "en": "Amina Chebbi, Tunis, 2022",
                        "fr": "Amina Chebbi, Tunis, 2022",
                        "de": "Amina Chebbi, Tunis, 2022",
                        "ar": "آمنة الشابي، تونس، 2022",
                    },
                },
            },
        ],
    },
    # --- Wedding Songs from Both Shores (waiting for its partners' approval) --------------------
    {
        "slug": "wedding-songs-from-both-shores",
        "title": {
            "en": "Wedding Songs from Both Shores",
            "fr": "Chants de noces des deux rives",
            "de": "Hochzeitslieder von beiden Ufern",
            "ar": "أغاني الأعراس من الضفّتين",
        },
        "introduction": {
            "en": (
                "Bagpipes, drums and cassettes tell how the music of Tunisian weddings crossed the "
                "sea and filled courtyards, basements and community halls in Hamburg and "
                "Marseille. Three partners bring together instruments, posters, bridal garments "
                "and the memories of the musicians who played."
            ),
            "fr": (
                "Cornemuses, tambours et cassettes racontent comment la musique des mariages "
                "tunisiens a traversé la mer pour résonner dans les cours, les sous-sols et les "
                "salles de quartier de Hambourg et de Marseille. Trois partenaires réunissent "
                "instruments, affiches, tenues de mariée et souvenirs des musiciens."
            ),
            "de": (
                "Dudelsäcke, Trommeln und Kassetten erzählen, wie die Musik tunesischer Hochzeiten "
                "das Meer überquerte und Innenhöfe, Kellerräume und Stadtteilsäle in Hamburg und "
                "Marseille erfüllte. Drei Partner vereinen Instrumente, Plakate, Brautgewänder und "
                "die Erinnerungen der Musiker."
            ),
            "ar": (
                "تحكي المزاود والطبول وأشرطة الكاسيت كيف عبرت موسيقى الأعراس التونسية البحر "
                "لتملأ الأفنية والأقبية وقاعات الأحياء في هامبورغ ومرسيليا. ويجمع ثلاثة شركاء "
                "آلات موسيقية وملصقات وأزياء عرائس وذكريات الموسيقيين الذين عزفوا فيها."
            ),
        },
        "co_curators": ["kz-st-georg", "mmp-marseille", "dar-medina"],
        "hero_motif": "instrument",
        "hero_alt": {
            "en": "Illustration of a mezoued bagpipe and a painted drum on a red ground.",
            "fr": "Illustration d’une cornemuse mezoued et d’un tambour peint sur fond rouge.",
            "de": "Illustration eines Mezoued-Dudelsacks und einer bemalten Trommel auf rotem Grund.",
            "ar": "رسم لمزود وطبلة ملوّنة على خلفية حمراء.",
        },
        "venues": [
            {
                "city": "hamburg",
                "institution": "kz-st-georg",
                "venue": {
                    "en": "Kulturzentrum St. Georg, hall on the ground floor",
                    "fr": "Kulturzentrum St. Georg, salle du rez-de-chaussée",
                    "de": "Kulturzentrum St. Georg, Saal im Erdgeschoss",
                    "ar": "المركز الثقافي سانت غيورغ، القاعة في الطابق الأرضي",
                },
                "opens_in_days": 200,
                "closes_in_days": 320,
            },
            {
                "city": "marseille",
                "institution": "mmp-marseille",
                "venue": {
                    "en": "Musée des Mémoires du Port, harbour gallery",
                    "fr": "Musée des Mémoires du Port, galerie du port",
                    "de": "Musée des Mémoires du Port, Hafengalerie",
                    "ar": "متحف ذاكرة الميناء، رواق الميناء",
                },
                "opens_in_days": 380,
                "closes_in_days": 500,
            },
        ],
        "credits": [
            {
                "person": "mounira-jaziri",
                "institution": "kz-st-georg",
                "role": {
                    "en": "Co-curator, St. Georg festivals",
                    "fr": "Co-commissaire, fêtes de St. Georg",
                    "de": "Ko-Kuratorin, Feste in St. Georg",
                    "ar": "قيّمة مشاركة، احتفالات سانت غيورغ",
                },
            },
            {
                "person": "ali-gharbi",
                "institution": "mmp-marseille",
                "role": {
                    "en": "Oral histories",
                    "fr": "Histoires orales",
                    "de": "Oral History",
                    "ar": "التاريخ الشفوي",
                },
            },
            {
                "person": "amina-chebbi",
                "institution": "dar-medina",
                "role": {
                    "en": "Research: wedding traditions in Tunis",
                    "fr": "Recherche : traditions de mariage à Tunis",
                    "de": "Recherche: Hochzeitsbräuche in Tunis",
                    "ar": "البحث: تقاليد الأعراس في تونس",
                },
            },
        ],
        # Not published: submitted to the partner-approval workflow by the St. Georg curator, who
        # approved for their centre; the Marseille museum and Dar el-Medina have yet to answer.
        "review": {
            "submitted_by": "curator-st-georg",
            "approvals": [
                {
                    "by": "curator-st-georg",
                    "comment": "Loans from our collection and their captions confirmed.",
                },
            ],
        },
        "story": [
            {
                "type": "heading",
                "value": {
                    "text": {
                        "en": "A bagpipe in the suitcase",
                        "fr": "Une cornemuse dans la valise",
                        "de": "Ein Dudelsack im Koffer",
                        "ar": "مزود في الحقيبة",
                    },
                    "anchor": "bagpipe-in-the-suitcase",
                    "institution": "kz-st-georg",
                },
            },
            {
                "type": "paragraph",
                "value": {
                    "en": (
                        "<p>In 1968 <strong>Hédi Trabelsi</strong> came to Hamburg with two "
                        "instruments in his suitcase. His band rehearsed every Friday evening in a "
                        "basement in Altona, and in 1971 it played its first Tunisian wedding in the "
                        "city. Instruments, posters and cassettes from the <strong>Kulturzentrum St. "
                        "Georg</strong> tell how this music found a new home in the north.</p>"
                    ),
                    "fr": (
                        "<p>En 1968, <strong>Hédi Trabelsi</strong> arrive à Hambourg avec deux "
                        "instruments dans sa valise. Son orchestre répète chaque vendredi soir dans "
                        "un sous-sol d’Altona et joue en 1971 son premier mariage tunisien dans la "
                        "ville. Instruments, affiches et cassettes du <strong>Kulturzentrum St. "
                        "Georg</strong> racontent comment cette musique a trouvé un nouveau foyer "
                        "dans le Nord.</p>"
                    ),
                    "de": (
                        "<p>1968 kam <strong>Hédi Trabelsi</strong> mit zwei Instrumenten im Koffer "
                        "nach Hamburg. Seine Band probte jeden Freitagabend in einem Keller in "
                        "Altona und spielte 1971 ihre erste tunesische Hochzeit in der Stadt. "
                        "Instrumente, Plakate und Kassetten aus dem <strong>Kulturzentrum St. "
                        "Georg</strong> erzählen, wie diese Musik im Norden ein neues Zuhause "
                        "fand.</p>"
                    ),
                    "ar": (
                        "<p>في عام 1968 وصل <strong>الهادي الطرابلسي</strong> إلى هامبورغ وفي "
                        "حقيبته آلتان موسيقيتان. وكانت فرقته تتدرّب مساء كل جمعة في قبو بحي "
                        "ألتونا، وأحيت عام 1971 أوّل عرس تونسي لها في المدينة. وتروي آلات وملصقات "
                        "وأشرطة من <strong>المركز الثقافي سانت غيورغ</strong> كيف وجدت هذه "
                        "الموسيقى موطنًا جديدًا في الشمال.</p>"
                    ),
                },
            },
            {
                "type": "artifact_showcase",
                "value": {
                    "heading": {
                        "en": "Instruments of celebration",
                        "fr": "Les instruments de la fête",
                        "de": "Instrumente für das Fest",
                        "ar": "آلات الفرح",
                    },
                    "items": [
                        {
                            "artifact": "mc-mezoued-bagpipe",
                            "caption": {
                                "en": "Loud enough to fill a courtyard without any amplification.",
                                "fr": "Assez puissante pour remplir une cour sans la moindre amplification.",
                                "de": "Laut genug, um ohne jede Verstärkung einen ganzen Innenhof zu füllen.",
                                "ar": "صوته قويّ يملأ الفناء دون أيّ مكبّر للصوت.",
                            },
                        },
                        {
                            "artifact": "mc-painted-darbouka",
                            "caption": {
                                "en": "Its goatskin head has been replaced three times.",
                                "fr": "Sa peau de chèvre a été changée trois fois.",
                                "de": "Das Ziegenfell wurde dreimal erneuert.",
                                "ar": "استُبدل جلد الماعز المشدود عليها ثلاث مرّات.",
                            },
                        },
                        {
                            "artifact": "mc-wedding-band-cassette-1988",
                            "caption": {
                                "en": "Song titles handwritten in Arabic and German.",
                                "fr": "Des titres de chansons écrits à la main en arabe et en allemand.",
                                "de": "Liedtitel, von Hand auf Arabisch und Deutsch geschrieben.",
                                "ar": "عناوين أغانٍ مكتوبة بخطّ اليد بالعربية والألمانية.",
                            },
                        },
                    ],
                },
            },
            {
                "type": "oral_history_clip",
                "value": {
                    "oral_history": "songs-for-weddings-in-altona",
                    "start": "0:04",
                    "end": "0:24",
                    "introduction": {
                        "en": (
                            "Hédi Trabelsi tells Lea Schulte about the weddings he played in Tunis "
                            "and in Hamburg. The recording is kept for research at the archive and "
                            "cannot be heard online."
                        ),
                        "fr": (
                            "Hédi Trabelsi raconte à Lea Schulte les mariages où il a joué, à Tunis "
                            "puis à Hambourg. L’enregistrement est réservé à la consultation sur "
                            "place, à des fins de recherche, et ne peut pas être écouté en ligne."
                        ),
                        "de": (
                            "Hédi Trabelsi erzählt Lea Schulte von den Hochzeiten, auf denen er in "
                            "Tunis und in Hamburg spielte. Die Aufnahme ist der Forschung im Archiv "
                            "vorbehalten und online nicht zu hören."
                        ),
                        "ar": (
                            "يحدّث الهادي الطرابلسي ليا شولته عن الأعراس التي عزف فيها في تونس ثم "
                            "في هامبورغ. والتسجيل محفوظ للبحث داخل الأرشيف ولا يمكن الاستماع إليه "
                            "عبر الإنترنت."
                        ),
                    },
                },
            },
            {
                "type": "heading",
                "value": {
                    "text": {
                        "en": "Two ports, one song",
                        "fr": "Deux ports, une chanson",
                        "de": "Zwei Häfen, ein Lied",
                        "ar": "ميناءان وأغنية واحدة",
                    },
                    "anchor": "two-ports-one-song",
                    "institution": "mmp-marseille",
                },
            },
            {
                "type": "paragraph",
                "value": {
                    "en": (
                        "<p>In 2006 amateur choirs and bands from St. Georg and from the "
                        "neighbourhoods around the Vieux-Port met for an exchange that ended with a "
                        "concert in Hamburg. The <strong>Musée des Mémoires du Port</strong> has "
                        "since recorded the memories of musicians and wedding guests in Marseille, "
                        "and the <strong>Dar el-Medina Museum</strong> lends the bridal garments for "
                        "which these songs were sung.</p>"
                    ),
                    "fr": (
                        "<p>En 2006, des chorales et des groupes amateurs de St. Georg et des "
                        "quartiers du Vieux-Port se sont retrouvés pour un échange qui s’est achevé "
                        "par un concert à Hambourg. Depuis, le <strong>Musée des Mémoires du "
                        "Port</strong> recueille les souvenirs de musiciens et d’invités de noces à "
                        "Marseille, et le <strong>musée Dar el-Medina</strong> prête les tenues de "
                        "mariée pour lesquelles ces chants étaient chantés.</p>"
                    ),
                    "de": (
                        "<p>2006 trafen sich Laienchöre und Bands aus St. Georg und aus den "
                        "Vierteln rund um den Vieux-Port zu einem Austausch, der mit einem Konzert "
                        "in Hamburg endete. Seitdem sammelt das <strong>Musée des Mémoires du "
                        "Port</strong> die Erinnerungen von Musikern und Hochzeitsgästen in "
                        "Marseille, und das <strong>Museum Dar el-Medina</strong> leiht die "
                        "Brautgewänder, für die diese Lieder gesungen wurden.</p>"
                    ),
                    "ar": (
                        "<p>في عام 2006 التقت جوقات وفرق هاوية من سانت غيورغ ومن الأحياء المحيطة "
                        "بالميناء القديم في تبادل اختُتم بحفل في هامبورغ. ومنذ ذلك الحين يجمع "
                        "<strong>متحف ذاكرة الميناء</strong> ذكريات الموسيقيين وضيوف الأعراس في "
                        "مرسيليا، ويُعير <strong>متحف دار المدينة</strong> أزياء العرائس التي كانت "
                        "تُغنّى لها هذه الأغاني.</p>"
                    ),
                },
            },
            {
                "type": "artifact_showcase",
                "value": {
                    "heading": {
                        "en": "Posters and bridal garments",
                        "fr": "Affiches et tenues de mariée",
                        "de": "Plakate und Brautgewänder",
                        "ar": "ملصقات وأزياء عرائس",
                    },
                    "items": [
                        {
                            "artifact": "mc-two-ports-one-song-poster-2006",
                            "caption": {
                                "en": "The Vieux-Port and the Hamburg cranes joined in a single skyline.",
                                "fr": "Le Vieux-Port et les grues de Hambourg réunis en une seule silhouette.",
                                "de": "Der Vieux-Port und die Hamburger Kräne in einer einzigen Silhouette.",
                                "ar": "الميناء القديم ورافعات هامبورغ في أفق واحد.",
                            },
                        },
                        {
                            "artifact": "td-keswa-kbira-wedding-dress",
                            "caption": {
                                "en": "Worn on the day of the jelwa, when the bride is presented to her guests.",
                                "fr": "Portée le jour de la jelwa, quand la mariée est présentée à ses invités.",
                                "de": "Getragen am Tag der Jelwa, wenn die Braut ihren Gästen vorgestellt wird.",
                                "ar": "تُلبس يوم الجلوة، حين تُقدَّم العروس إلى ضيوفها.",
                            },
                        },
                    ],
                },
            },
        ],
    },
]
