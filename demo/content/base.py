"""Base demo content for Heritage Commons: site structure, partner cities,
institutions, vocabularies, collections and oral histories (the exhibitions are in
exhibitions.py).

Pure data, read by demo/loader.py. Every visitor-facing text is a dict
{"en", "fr", "de", "ar"}. Deliberate omissions (to demonstrate language
fallback): the "de" story of the Tunis city page, and the "ar" summary of the
oral history "nights-on-the-ferry".
"""

HOME = {
    "title": {
        "en": "Heritage Commons",
        "fr": "Heritage Commons – Patrimoines en partage",
        "de": "Heritage Commons – Gemeinsames Erbe",
        "ar": "التراث المشترك",
    },
    "introduction": {
        "en": (
            "Heritage Commons brings together museums, libraries, archives and community "
            "centres in Marseille, Hamburg and Tunis. Explore objects, letters, photographs "
            "and recorded voices that tell of harbour work, migration and family life on both "
            "shores of the Mediterranean. Our partners describe their collections in French, "
            "German, Arabic and English, so that every community can read its own history."
        ),
        "fr": (
            "Heritage Commons réunit des musées, des bibliothèques, des archives et des centres "
            "communautaires de Marseille, Hambourg et Tunis. Découvrez des objets, des lettres, "
            "des photographies et des voix enregistrées qui racontent le travail portuaire, les "
            "migrations et la vie des familles sur les deux rives de la Méditerranée. Nos "
            "partenaires décrivent leurs collections en français, en allemand, en arabe et en "
            "anglais, afin que chaque communauté puisse lire sa propre histoire."
        ),
        "de": (
            "Heritage Commons vereint Museen, Bibliotheken, Archive und Stadtteilzentren in "
            "Marseille, Hamburg und Tunis. Entdecken Sie Objekte, Briefe, Fotografien und "
            "aufgezeichnete Stimmen, die von Hafenarbeit, Migration und Familienleben an beiden "
            "Ufern des Mittelmeers erzählen. Unsere Partner beschreiben ihre Sammlungen auf "
            "Französisch, Deutsch, Arabisch und Englisch, damit jede Gemeinschaft ihre eigene "
            "Geschichte lesen kann."
        ),
        "ar": (
            "تجمع منصة «التراث المشترك» متاحف ومكتبات ودور أرشيف ومراكز مجتمعية في مرسيليا "
            "وهامبورغ وتونس. اكتشفوا قطعًا ورسائل وصورًا فوتوغرافية وأصواتًا مسجّلة تروي حكايات "
            "العمل في الموانئ والهجرة والحياة العائلية على ضفتَي البحر الأبيض المتوسط. ويصف "
            "شركاؤنا مجموعاتهم بالفرنسية والألمانية والعربية والإنجليزية، حتى يتمكّن كل مجتمع "
            "من قراءة تاريخه بلغته."
        ),
    },
}

INDEXES = {
    "partners": {
        "slug": "partners",
        "title": {
            "en": "Partners",
            "fr": "Partenaires",
            "de": "Partner",
            "ar": "الشركاء",
        },
        "introduction": {
            "en": (
                "Three port cities and six memory institutions make up the Heritage Commons "
                "network. Meet the cities, the museums, libraries, archives and community "
                "centres that care for their stories, and the links that join them across the sea."
            ),
            "fr": (
                "Trois villes portuaires et six institutions de mémoire forment le réseau "
                "Heritage Commons. Découvrez ces villes, les musées, bibliothèques, archives et "
                "centres communautaires qui veillent sur leurs histoires, ainsi que les liens qui "
                "les unissent par-delà la mer."
            ),
            "de": (
                "Drei Hafenstädte und sechs Gedächtnisinstitutionen bilden das Netzwerk Heritage "
                "Commons. Lernen Sie die Städte kennen, die Museen, Bibliotheken, Archive und "
                "Stadtteilzentren, die ihre Geschichten bewahren, und die Verbindungen, die sie "
                "über das Meer hinweg verknüpfen."
            ),
            "ar": (
                "تتألّف شبكة «التراث المشترك» من ثلاث مدن مينائية وست مؤسسات تُعنى بالذاكرة. "
                "تعرّفوا إلى هذه المدن وإلى المتاحف والمكتبات ودور الأرشيف والمراكز المجتمعية "
                "التي تحفظ حكاياتها، وإلى الروابط التي تجمع بينها عبر البحر."
            ),
        },
    },
    "collections": {
        "slug": "collections",
        "title": {
            "en": "Collections",
            "fr": "Collections",
            "de": "Sammlungen",
            "ar": "المجموعات",
        },
        "introduction": {
            "en": (
                "Browse the collections shared by our partner institutions: tools from the "
                "docks, letters and family photographs, woven and embroidered textiles, "
                "instruments and posters from neighbourhood celebrations. Each object is "
                "described by the people who know it best."
            ),
            "fr": (
                "Parcourez les collections partagées par nos institutions partenaires : outils "
                "des docks, lettres et photographies de famille, textiles tissés et brodés, "
                "instruments et affiches des fêtes de quartier. Chaque objet est décrit par "
                "celles et ceux qui le connaissent le mieux."
            ),
            "de": (
                "Stöbern Sie in den Sammlungen unserer Partnerinstitutionen: Werkzeuge aus den "
                "Docks, Briefe und Familienfotos, gewebte und bestickte Textilien, Instrumente "
                "und Plakate von Stadtteilfesten. Jedes Objekt wird von den Menschen beschrieben, "
                "die es am besten kennen."
            ),
            "ar": (
                "تصفّحوا المجموعات التي تتقاسمها مؤسساتنا الشريكة: أدوات من أرصفة الموانئ، "
                "ورسائل وصور عائلية، ومنسوجات مطرّزة، وآلات موسيقية وملصقات من احتفالات الأحياء. "
                "ويصف كلَّ قطعة أولئك الذين يعرفونها أكثر من غيرهم."
            ),
        },
    },
    "oral_histories": {
        "slug": "oral-histories",
        "title": {
            "en": "Oral histories",
            "fr": "Témoignages oraux",
            "de": "Erzählte Geschichte",
            "ar": "التاريخ الشفوي",
        },
        "introduction": {
            "en": (
                "Listen to women and men who crossed the Mediterranean, worked in its harbours "
                "and kept their families together across borders. The interviews were recorded "
                "in the languages the narrators chose, and each comes with a summary."
            ),
            "fr": (
                "Écoutez des femmes et des hommes qui ont traversé la Méditerranée, travaillé "
                "dans ses ports et maintenu les liens familiaux par-delà les frontières. Les "
                "entretiens ont été enregistrés dans les langues choisies par les témoins, et "
                "chacun est accompagné d’un résumé."
            ),
            "de": (
                "Hören Sie Frauen und Männern zu, die das Mittelmeer überquert, in seinen Häfen "
                "gearbeitet und ihre Familien über Grenzen hinweg zusammengehalten haben. Die "
                "Interviews wurden in den Sprachen aufgezeichnet, die die Erzählenden selbst "
                "gewählt haben, und jedes ist mit einer Zusammenfassung versehen."
            ),
            "ar": (
                "استمعوا إلى نساء ورجال عبروا البحر الأبيض المتوسط، وعملوا في موانئه، وحافظوا "
                "على روابط عائلاتهم عبر الحدود. سُجّلت المقابلات باللغات التي اختارها الرواة "
                "أنفسهم، ويرافق كلًّا منها ملخّص."
            ),
        },
    },
    "exhibitions": {
        "slug": "exhibitions",
        "title": {
            "en": "Exhibitions",
            "fr": "Expositions",
            "de": "Ausstellungen",
            "ar": "المعارض",
        },
        "introduction": {
            "en": (
                "Our exhibitions are curated jointly by partners on both shores of the "
                "Mediterranean. They bring objects and voices from several cities into a "
                "single story, online and in the galleries."
            ),
            "fr": (
                "Nos expositions sont conçues conjointement par des partenaires des deux rives "
                "de la Méditerranée. Elles réunissent en un même récit des objets et des voix de "
                "plusieurs villes, en ligne comme dans les salles."
            ),
            "de": (
                "Unsere Ausstellungen entstehen in gemeinsamer Kuratierung von Partnern an beiden "
                "Ufern des Mittelmeers. Sie verbinden Objekte und Stimmen aus mehreren Städten "
                "zu einer Erzählung – online und in den Ausstellungsräumen."
            ),
            "ar": (
                "يشترك في تنظيم معارضنا شركاء من ضفتَي البحر الأبيض المتوسط. وهي تجمع قطعًا "
                "وأصواتًا من مدن عدّة في حكاية واحدة، على الإنترنت وفي قاعات العرض."
            ),
        },
    },
}

CITIES = [
    {
        "slug": "marseille",
        "title": {"en": "Marseille", "fr": "Marseille", "de": "Marseille", "ar": "مرسيليا"},
        "country": {"en": "France", "fr": "France", "de": "Frankreich", "ar": "فرنسا"},
        "country_code": "FR",
        "summary": {
            "en": (
                "France’s oldest city and greatest Mediterranean port, Marseille has welcomed "
                "newcomers from every shore of the sea for more than two and a half thousand years."
            ),
            "fr": (
                "Plus ancienne ville de France et premier port français de la Méditerranée, "
                "Marseille accueille depuis plus de deux mille cinq cents ans des nouveaux venus "
                "de toutes les rives de la mer."
            ),
            "de": (
                "Marseille, die älteste Stadt Frankreichs und sein größter Mittelmeerhafen, nimmt "
                "seit mehr als zweieinhalb Jahrtausenden Menschen von allen Ufern des Meeres auf."
            ),
            "ar": (
                "مرسيليا أقدم مدن فرنسا وأكبر موانئها على البحر الأبيض المتوسط، وهي تستقبل منذ "
                "أكثر من ألفين وخمسمئة عام وافدين من كل ضفاف هذا البحر."
            ),
        },
        "story": {
            "en": (
                "<p>Marseille grew around the <em>Vieux-Port</em>, the sheltered inlet where Greek "
                "sailors from Phocaea founded Massalia around 600 BCE. For more than two thousand "
                "years the harbour has been the city’s front door: ships brought grain, oil, soap "
                "and spices, and with them people from every coast of the Mediterranean.</p>"
                "<p>In the nineteenth century the docks moved north to La Joliette, and new "
                "neighbourhoods filled with arrivals from Italy, Corsica, Armenia, North Africa and "
                "the Comoros. After Tunisian and Algerian independence, ferries from Tunis and "
                "Algiers landed families whose suitcases held embroidered linen, family "
                "photographs and bundles of letters.</p>"
                "<p>Districts such as Belsunce, a few streets from the old port, became places of "
                "trade and welcome, where shops, cafés and prayer rooms kept languages, music and "
                "recipes alive.</p>"
                "<p>Today the <strong>Musée des Mémoires du Port</strong> and the "
                "<strong>Bibliothèque Belsunce</strong> gather these traces. They record the "
                "memories of residents, digitise the photographs and letters that families bring "
                "them, and share their work with partners in Hamburg and Tunis.</p>"
            ),
            "fr": (
                "<p>Marseille s’est développée autour du <em>Vieux-Port</em>, la calanque abritée "
                "où des marins grecs venus de Phocée fondèrent Massalia vers 600 av. J.-C. Depuis "
                "plus de deux mille ans, le port est la porte d’entrée de la ville : les navires y "
                "apportaient blé, huile, savon et épices, et avec eux des femmes et des hommes de "
                "toutes les côtes de la Méditerranée.</p>"
                "<p>Au XIXe siècle, les bassins gagnèrent le nord, vers La Joliette, et de "
                "nouveaux quartiers se peuplèrent d’arrivants venus d’Italie, de Corse, d’Arménie, "
                "d’Afrique du Nord et des Comores. Après les indépendances tunisienne et "
                "algérienne, les paquebots de Tunis et d’Alger débarquèrent des familles dont les "
                "valises renfermaient du linge brodé, des photographies et des liasses de lettres.</p>"
                "<p>Des quartiers comme Belsunce, à quelques rues du Vieux-Port, devinrent des "
                "lieux de commerce et d’accueil, où boutiques, cafés et salles de prière faisaient "
                "vivre les langues, la musique et les recettes.</p>"
                "<p>Aujourd’hui, le <strong>Musée des Mémoires du Port</strong> et la "
                "<strong>Bibliothèque Belsunce</strong> recueillent ces traces. Ils enregistrent "
                "la mémoire des habitants, numérisent les photographies et les lettres que leur "
                "confient les familles et partagent leur travail avec leurs partenaires de "
                "Hambourg et de Tunis.</p>"
            ),
            "de": (
                "<p>Marseille wuchs rund um den <em>Vieux-Port</em>, die geschützte Bucht, in der "
                "griechische Seeleute aus Phokaia um 600 v. Chr. die Stadt Massalia gründeten. "
                "Seit über zweitausend Jahren ist der Hafen das Eingangstor der Stadt: Schiffe "
                "brachten Getreide, Öl, Seife und Gewürze – und mit ihnen Menschen von allen "
                "Küsten des Mittelmeers.</p>"
                "<p>Im 19. Jahrhundert verlagerten sich die Hafenbecken nach Norden, nach La "
                "Joliette, und neue Viertel füllten sich mit Ankommenden aus Italien, Korsika, "
                "Armenien, Nordafrika und von den Komoren. Nach der Unabhängigkeit Tunesiens und "
                "Algeriens brachten die Fähren aus Tunis und Algier Familien, in deren Koffern "
                "bestickte Wäsche, Familienfotos und Bündel von Briefen lagen.</p>"
                "<p>Viertel wie Belsunce, nur wenige Straßen vom alten Hafen entfernt, wurden zu "
                "Orten des Handels und des Ankommens, an denen Läden, Cafés und Gebetsräume "
                "Sprachen, Musik und Rezepte lebendig hielten.</p>"
                "<p>Heute sammeln das <strong>Musée des Mémoires du Port</strong> und die "
                "<strong>Bibliothèque Belsunce</strong> diese Spuren. Sie zeichnen Erinnerungen "
                "der Bewohnerinnen und Bewohner auf, digitalisieren Fotos und Briefe, die Familien "
                "ihnen anvertrauen, und teilen ihre Arbeit mit den Partnern in Hamburg und Tunis.</p>"
            ),
            "ar": (
                "<p>نشأت مرسيليا حول <em>الميناء القديم</em>، ذلك الخليج الصغير المحمي الذي أسّس "
                "فيه بحّارة إغريق قدموا من فوكايا مدينةَ ماساليا نحو عام 600 قبل الميلاد. ومنذ "
                "أكثر من ألفَي عام ظلّ الميناء بوابة المدينة: حملت إليه السفن القمح والزيت "
                "والصابون والتوابل، وحملت معها أناسًا من كل سواحل البحر الأبيض المتوسط.</p>"
                "<p>وفي القرن التاسع عشر انتقلت الأحواض شمالًا نحو حي لاجولييت، وامتلأت أحياء "
                "جديدة بوافدين من إيطاليا وكورسيكا وأرمينيا وشمال أفريقيا وجزر القمر. وبعد "
                "استقلال تونس والجزائر، أنزلت البواخر القادمة من تونس والجزائر العاصمة عائلاتٍ "
                "حملت في حقائبها بياضات مطرّزة وصورًا عائلية ورزمًا من الرسائل.</p>"
                "<p>وأصبحت أحياء مثل بلسونس، على بُعد شوارع قليلة من الميناء القديم، فضاءات "
                "للتجارة والاستقبال، تُبقي فيها المتاجر والمقاهي وقاعات الصلاة اللغاتِ والموسيقى "
                "ووصفات الطبخ حيّةً.</p>"
                "<p>واليوم يجمع <strong>متحف ذاكرة الميناء</strong> و<strong>مكتبة بلسونس</strong> "
                "هذه الآثار، فيسجّلان ذكريات السكان، ويرقمنان الصور والرسائل التي تودعها لديهما "
                "العائلات، ويتقاسمان عملهما مع الشركاء في هامبورغ وتونس.</p>"
            ),
        },
        "latitude": 43.296482,
        "longitude": 5.369780,
        "hero_alt": {
            "en": (
                "Abstract illustration of the Marseille harbour skyline in deep blue tones, with "
                "fishing boats, quays and the basilica on the hill above the city."
            ),
            "fr": (
                "Illustration abstraite de la silhouette du port de Marseille dans des tons bleu "
                "profond, avec des barques de pêche, des quais et la basilique sur la colline "
                "qui domine la ville."
            ),
            "de": (
                "Abstrakte Illustration der Hafensilhouette von Marseille in tiefen Blautönen, mit "
                "Fischerbooten, Kais und der Basilika auf dem Hügel über der Stadt."
            ),
            "ar": (
                "رسم تجريدي لأفق ميناء مرسيليا بدرجات الأزرق الداكن، تظهر فيه قوارب الصيد "
                "والأرصفة والكنيسة القائمة على التلّة المطلّة على المدينة."
            ),
        },
        "colour": "#1f5f8b",
    },
    {
        "slug": "hamburg",
        "title": {"en": "Hamburg", "fr": "Hambourg", "de": "Hamburg", "ar": "هامبورغ"},
        "country": {"en": "Germany", "fr": "Allemagne", "de": "Deutschland", "ar": "ألمانيا"},
        "country_code": "DE",
        "summary": {
            "en": (
                "Germany’s largest port city lies on the Elbe, about a hundred kilometres from the "
                "North Sea, and has been shaped for centuries by seafaring, trade and migration."
            ),
            "fr": (
                "Première ville portuaire d’Allemagne, Hambourg s’étend sur l’Elbe, à une centaine "
                "de kilomètres de la mer du Nord, et a été façonnée depuis des siècles par la "
                "navigation, le commerce et les migrations."
            ),
            "de": (
                "Deutschlands größte Hafenstadt liegt an der Elbe, rund hundert Kilometer von der "
                "Nordsee entfernt, und ist seit Jahrhunderten von Seefahrt, Handel und Migration "
                "geprägt."
            ),
            "ar": (
                "هامبورغ أكبر مدينة مينائية في ألمانيا، تقع على نهر الإلبه على بُعد نحو مئة كيلومتر "
                "من بحر الشمال، وقد شكّلتها على مرّ القرون الملاحة والتجارة والهجرة."
            ),
        },
        "story": {
            "en": (
                "<p>Hamburg lies far inland on the Elbe, yet it has always lived by the sea. Its "
                "port, one of the largest in Europe, has driven the city’s fortunes for centuries, "
                "and every May Hamburg still celebrates the harbour’s birthday with ships, music "
                "and crowds along the waterfront.</p>"
                "<p>Between the mid-nineteenth century and the 1930s, millions of emigrants left "
                "Europe through Hamburg for the Americas. After the Second World War the movement "
                "turned around: workers arrived from Southern Europe, Turkey, Yugoslavia and North "
                "Africa, among them Tunisians recruited under the agreement of 1965.</p>"
                "<p>Dockers, seamen, factory workers and their families shaped neighbourhoods such "
                "as St. Georg and Altona. Their tools, diaries, songs and photographs speak of hard "
                "labour, of solidarity and of homes built far from home.</p>"
                "<p>The <strong>Archiv der Hafenarbeit</strong> preserves the working life of the "
                "port, while the <strong>Kulturzentrum St. Georg</strong> gathers the music, "
                "celebrations and stories of the district’s many communities.</p>"
            ),
            "fr": (
                "<p>Hambourg se trouve loin à l’intérieur des terres, sur l’Elbe, et pourtant la "
                "ville a toujours vécu de la mer. Son port, l’un des plus grands d’Europe, fait sa "
                "fortune depuis des siècles, et chaque année en mai Hambourg fête encore "
                "l’anniversaire du port avec des navires, de la musique et une foule nombreuse sur "
                "les quais.</p>"
                "<p>Du milieu du XIXe siècle aux années 1930, des millions d’émigrants ont "
                "quitté l’Europe par Hambourg pour les Amériques. Après la Seconde Guerre mondiale, "
                "le mouvement s’est inversé : des travailleurs sont arrivés d’Europe du Sud, de "
                "Turquie, de Yougoslavie et d’Afrique du Nord, parmi lesquels des Tunisiens "
                "recrutés dans le cadre de l’accord de 1965.</p>"
                "<p>Dockers, marins, ouvriers d’usine et leurs familles ont façonné des quartiers "
                "comme St. Georg et Altona. Leurs outils, leurs journaux intimes, leurs chansons et "
                "leurs photographies parlent de travail pénible, de solidarité et de foyers bâtis "
                "loin du pays.</p>"
                "<p>L’<strong>Archiv der Hafenarbeit</strong> conserve la mémoire du travail "
                "portuaire, tandis que le <strong>Kulturzentrum St. Georg</strong> rassemble la "
                "musique, les fêtes et les récits des nombreuses communautés du quartier.</p>"
            ),
            "de": (
                "<p>Hamburg liegt weit im Binnenland an der Elbe und hat doch immer vom Meer "
                "gelebt. Der Hafen, einer der größten Europas, bestimmt seit Jahrhunderten die "
                "Geschicke der Stadt, und jedes Jahr im Mai feiert Hamburg den Hafengeburtstag mit "
                "Schiffen, Musik und vielen Menschen am Ufer.</p>"
                "<p>Zwischen der Mitte des 19. Jahrhunderts und den 1930er-Jahren verließen "
                "Millionen Auswanderinnen und Auswanderer Europa über Hamburg in Richtung Amerika. "
                "Nach dem Zweiten Weltkrieg kehrte sich die Bewegung um: Arbeitskräfte kamen aus "
                "Südeuropa, der Türkei, Jugoslawien und Nordafrika, darunter Tunesier, die nach "
                "dem Anwerbeabkommen von 1965 angeworben wurden.</p>"
                "<p>Hafenarbeiter, Seeleute, Fabrikarbeiterinnen und ihre Familien prägten "
                "Stadtteile wie St. Georg und Altona. Ihre Werkzeuge, Tagebücher, Lieder und "
                "Fotografien erzählen von harter Arbeit, von Solidarität und von einem Zuhause "
                "fern der Heimat.</p>"
                "<p>Das <strong>Archiv der Hafenarbeit</strong> bewahrt das Arbeitsleben des "
                "Hafens, das <strong>Kulturzentrum St. Georg</strong> sammelt Musik, Feste und "
                "Geschichten der vielen Gemeinschaften im Viertel.</p>"
            ),
            "ar": (
                "<p>تقع هامبورغ في عمق اليابسة على ضفاف نهر الإلبه، ومع ذلك عاشت دائمًا من البحر. "
                "فميناؤها، وهو من أكبر موانئ أوروبا، يصنع ازدهار المدينة منذ قرون، ولا تزال "
                "هامبورغ تحتفل كل عام في شهر مايو بعيد ميلاد الميناء بالسفن والموسيقى والحشود "
                "على الواجهة البحرية.</p>"
                "<p>وبين منتصف القرن التاسع عشر وثلاثينيات القرن العشرين، غادر ملايين المهاجرين "
                "أوروبا عبر هامبورغ متّجهين إلى الأمريكيتين. وبعد الحرب العالمية الثانية انعكس "
                "الاتجاه، فوصل عمّال من جنوب أوروبا وتركيا ويوغوسلافيا وشمال أفريقيا، ومنهم "
                "تونسيون استُقدموا بموجب اتفاقية عام 1965.</p>"
                "<p>وقد أسهم عمّال الموانئ والبحّارة وعمّال المصانع وعائلاتهم في تشكيل أحياء مثل "
                "سانت غيورغ وألتونا. وتحكي أدواتهم ويومياتهم وأغانيهم وصورهم عن العمل الشاقّ "
                "والتضامن وعن بيوت بُنيت بعيدًا عن الوطن.</p>"
                "<p>ويحفظ <strong>أرشيف العمل في الميناء</strong> ذاكرة الحياة العمّالية في "
                "الميناء، بينما يجمع <strong>المركز الثقافي سانت غيورغ</strong> موسيقى الحي "
                "واحتفالاته وحكايات جالياته الكثيرة.</p>"
            ),
        },
        "latitude": 53.551086,
        "longitude": 9.993682,
        "hero_alt": {
            "en": (
                "Abstract illustration of the Hamburg harbour skyline in red and brick tones, with "
                "container cranes, warehouses and church spires."
            ),
            "fr": (
                "Illustration abstraite de la silhouette du port de Hambourg dans des tons rouge "
                "et brique, avec des grues à conteneurs, des entrepôts et des clochers."
            ),
            "de": (
                "Abstrakte Illustration der Hamburger Hafensilhouette in Rot- und Backsteintönen, "
                "mit Containerkränen, Speichern und Kirchtürmen."
            ),
            "ar": (
                "رسم تجريدي لأفق ميناء هامبورغ بدرجات الأحمر ولون الطوب، تظهر فيه رافعات "
                "الحاويات والمستودعات وأبراج الكنائس."
            ),
        },
        "colour": "#b22234",
    },
    {
        "slug": "tunis",
        "title": {"en": "Tunis", "fr": "Tunis", "de": "Tunis", "ar": "تونس"},
        "country": {"en": "Tunisia", "fr": "Tunisie", "de": "Tunesien", "ar": "تونس"},
        "country_code": "TN",
        "summary": {
            "en": (
                "The Tunisian capital looks out over the Gulf of Tunis, where its port of La "
                "Goulette has connected North Africa with Europe for centuries."
            ),
            "fr": (
                "La capitale tunisienne s’ouvre sur le golfe de Tunis, où son port de La Goulette "
                "relie depuis des siècles l’Afrique du Nord à l’Europe."
            ),
            "de": (
                "Die tunesische Hauptstadt blickt auf den Golf von Tunis, wo ihr Hafen La Goulette "
                "seit Jahrhunderten Nordafrika mit Europa verbindet."
            ),
            "ar": ("تطلّ العاصمة التونسية على خليج تونس، حيث يربط ميناؤها في حلق الوادي منذ قرون شمال أفريقيا بأوروبا."),
        },
        # The German story is left out on purpose to demonstrate language fallback.
        "story": {
            "en": (
                "<p>Tunis lies on the shore of a shallow lagoon, the Lake of Tunis, with its "
                "harbour at La Goulette on the narrow channel that opens onto the Gulf of Tunis. "
                "The ruins of Carthage stand close by, a reminder that this coast has linked "
                "Africa and Europe since antiquity.</p>"
                "<p>The Medina of Tunis, a UNESCO World Heritage Site since 1979, is a maze of "
                "souks where weavers, embroiderers, tailors and jewellers have worked for "
                "generations. La Goulette, for its part, was long home to Tunisian, Italian, "
                "Maltese and Jewish families who shared its streets, cafés and festivals.</p>"
                "<p>From the 1960s onwards many Tunisians sailed from La Goulette to work in "
                "France and Germany. Their journeys created families that live on both shores and "
                "still return each summer on the ferry.</p>"
                "<p>The <strong>Dar el-Medina Museum</strong> cares for textiles, dress and "
                "jewellery, and the <strong>Centre communautaire de La Goulette</strong> records "
                "the memories of those who left and of those who stayed.</p>"
            ),
            "fr": (
                "<p>Tunis s’étend au bord d’une lagune peu profonde, le lac de Tunis, et son port, "
                "La Goulette, se trouve sur l’étroit chenal qui s’ouvre sur le golfe de Tunis. Les "
                "ruines de Carthage, toutes proches, rappellent que cette côte relie l’Afrique et "
                "l’Europe depuis l’Antiquité.</p>"
                "<p>La médina de Tunis, inscrite au patrimoine mondial de l’UNESCO depuis 1979, est "
                "un dédale de souks où tisserands, brodeuses, tailleurs et bijoutiers travaillent "
                "depuis des générations. La Goulette, quant à elle, a longtemps abrité des familles "
                "tunisiennes, italiennes, maltaises et juives qui partageaient ses rues, ses cafés "
                "et ses fêtes.</p>"
                "<p>À partir des années 1960, de nombreux Tunisiens ont embarqué à La Goulette pour "
                "aller travailler en France et en Allemagne. Ces départs ont donné naissance à des "
                "familles installées sur les deux rives, qui reviennent encore chaque été par le "
                "bateau.</p>"
                "<p>Le <strong>musée Dar el-Medina</strong> conserve textiles, costumes et bijoux, "
                "et le <strong>Centre communautaire de La Goulette</strong> recueille la mémoire de "
                "celles et ceux qui sont partis comme de celles et ceux qui sont restés.</p>"
            ),
            "ar": (
                "<p>تمتدّ تونس على ضفاف بحيرة ضحلة هي بحيرة تونس، ويقع ميناؤها في حلق الوادي على "
                "القناة الضيّقة التي تنفتح على خليج تونس. وعلى مقربة منها تقوم أطلال قرطاج، "
                "شاهدةً على أن هذا الساحل يصل أفريقيا بأوروبا منذ العصور القديمة.</p>"
                "<p>ومدينة تونس العتيقة، المدرجة في قائمة التراث العالمي لليونسكو منذ عام 1979، "
                "متاهة من الأسواق عمل فيها النسّاجون والمطرّزات والخيّاطون والصاغة جيلًا بعد جيل. "
                "أما حلق الوادي فقد كانت طويلًا موطنًا لعائلات تونسية وإيطالية ومالطية ويهودية "
                "تقاسمت شوارعها ومقاهيها وأعيادها.</p>"
                "<p>ومنذ ستينيات القرن العشرين أبحر كثير من التونسيين من حلق الوادي للعمل في "
                "فرنسا وألمانيا، فنشأت من رحلاتهم عائلات تعيش على الضفتين ولا تزال تعود كل صيف "
                "على متن الباخرة.</p>"
                "<p>ويعتني <strong>متحف دار المدينة</strong> بالمنسوجات والأزياء والحُليّ، بينما "
                "يجمع <strong>المركز المجتمعي بحلق الوادي</strong> ذكريات من رحلوا ومن بقوا.</p>"
            ),
        },
        "latitude": 36.806389,
        "longitude": 10.181667,
        "hero_alt": {
            "en": (
                "Abstract illustration of the Tunis harbour skyline in ochre and sand tones, with "
                "white domes, a minaret and a ferry on the water."
            ),
            "fr": (
                "Illustration abstraite de la silhouette du port de Tunis dans des tons ocre et "
                "sable, avec des coupoles blanches, un minaret et un ferry sur l’eau."
            ),
            "de": (
                "Abstrakte Illustration der Hafensilhouette von Tunis in Ocker- und Sandtönen, mit "
                "weißen Kuppeln, einem Minarett und einer Fähre auf dem Wasser."
            ),
            "ar": (
                "رسم تجريدي لأفق ميناء تونس بدرجات المغرة ولون الرمل، تظهر فيه قباب بيضاء ومئذنة وعبّارة على سطح الماء."
            ),
        },
        "colour": "#c0772b",
    },
]

SISTER_LINKS = [
    (
        "marseille",
        "hamburg",
        1958,
        {
            "en": (
                "Marseille and Hamburg have been twin cities since 1958. Both grew around busy "
                "harbours and share long histories of departure and arrival."
            ),
            "fr": (
                "Marseille et Hambourg sont jumelées depuis 1958. Toutes deux se sont développées "
                "autour de ports très actifs et partagent une longue histoire de départs et "
                "d’arrivées."
            ),
            "de": (
                "Marseille und Hamburg sind seit 1958 Partnerstädte. Beide sind um geschäftige "
                "Häfen gewachsen und teilen eine lange Geschichte des Aufbrechens und Ankommens."
            ),
            "ar": (
                "ترتبط مرسيليا وهامبورغ بتوأمة منذ عام 1958. نشأت المدينتان حول موانئ تعجّ "
                "بالحركة، وتتقاسمان تاريخًا طويلًا من الرحيل والوصول."
            ),
        },
    ),
    (
        "marseille",
        "tunis",
        None,
        {
            "en": (
                "Partners in the Heritage Commons network, linked by the ferry route across the "
                "Mediterranean and by the many families who live on both shores."
            ),
            "fr": (
                "Partenaires au sein du réseau Heritage Commons, reliées par la ligne maritime qui "
                "traverse la Méditerranée et par les nombreuses familles installées sur les deux "
                "rives."
            ),
            "de": (
                "Partner im Netzwerk Heritage Commons, verbunden durch die Fährlinie über das "
                "Mittelmeer und durch die vielen Familien, die an beiden Ufern leben."
            ),
            "ar": (
                "شريكتان في شبكة «التراث المشترك»، يربط بينهما خطّ البواخر عبر البحر الأبيض "
                "المتوسط والعائلات الكثيرة التي تعيش على الضفتين."
            ),
        },
    ),
    (
        "hamburg",
        "tunis",
        None,
        {
            "en": (
                "Partners in the Heritage Commons network, connected by the Tunisians who came to "
                "work in Hamburg from the 1960s onwards and by shared traditions of textile craft "
                "and music."
            ),
            "fr": (
                "Partenaires au sein du réseau Heritage Commons, unies par les Tunisiens venus "
                "travailler à Hambourg à partir des années 1960 et par des traditions communes "
                "d’artisanat textile et de musique."
            ),
            "de": (
                "Partner im Netzwerk Heritage Commons, verbunden durch die Tunesierinnen und "
                "Tunesier, die ab den 1960er-Jahren zum Arbeiten nach Hamburg kamen, und durch "
                "gemeinsame Traditionen des Textilhandwerks und der Musik."
            ),
            "ar": (
                "شريكتان في شبكة «التراث المشترك»، تجمع بينهما ذكرى التونسيين الذين قدموا للعمل "
                "في هامبورغ منذ ستينيات القرن العشرين، وتقاليد مشتركة في الحِرف النسيجية والموسيقى."
            ),
        },
    ),
]

INSTITUTIONS = [
    {
        "code": "mmp-marseille",
        "kind": "museum",
        "city": "marseille",
        "name": {
            "en": "Musée des Mémoires du Port",
            "fr": "Musée des Mémoires du Port",
            "de": "Musée des Mémoires du Port",
            "ar": "متحف ذاكرة الميناء",
        },
        "description": {
            "en": (
                "A museum on the edge of the Vieux-Port devoted to the people who arrived, worked "
                "and settled in Marseille by way of its harbour. Its collections of letters, family "
                "photographs and travel documents are built together with the families who lend "
                "and donate them."
            ),
            "fr": (
                "Un musée au bord du Vieux-Port consacré aux femmes et aux hommes arrivés, installés "
                "et employés à Marseille par son port. Ses collections de lettres, de photographies "
                "de famille et de documents de voyage se construisent avec les familles qui les "
                "prêtent et les donnent."
            ),
            "de": (
                "Ein Museum am Rand des Vieux-Port, das den Menschen gewidmet ist, die über den "
                "Hafen nach Marseille kamen, dort arbeiteten und sich niederließen. Seine Sammlungen "
                "von Briefen, Familienfotos und Reisedokumenten entstehen gemeinsam mit den "
                "Familien, die sie leihen und schenken."
            ),
            "ar": (
                "متحف على حافة الميناء القديم مكرّس لمن وصلوا إلى مرسيليا عبر مينائها وعملوا فيها "
                "واستقرّوا بها. وتُبنى مجموعاته من الرسائل والصور العائلية ووثائق السفر بالتعاون "
                "مع العائلات التي تُعيرها أو تهبها."
            ),
        },
        "website": "https://example.org/mmp-marseille",
    },
    {
        "code": "bib-belsunce",
        "kind": "library",
        "city": "marseille",
        "name": {
            "en": "Bibliothèque Belsunce",
            "fr": "Bibliothèque Belsunce",
            "de": "Bibliothèque Belsunce",
            "ar": "مكتبة بلسونس",
        },
        "description": {
            "en": (
                "A neighbourhood public library in the heart of Belsunce, with books and "
                "periodicals in French, Arabic and many other languages. It hosts reading groups, "
                "writing workshops and sessions where residents bring letters and photographs to "
                "be digitised."
            ),
            "fr": (
                "Une bibliothèque de quartier au cœur de Belsunce, qui propose livres et périodiques "
                "en français, en arabe et dans bien d’autres langues. Elle accueille des cercles de "
                "lecture, des ateliers d’écriture et des séances où les habitants viennent faire "
                "numériser leurs lettres et leurs photographies."
            ),
            "de": (
                "Eine Stadtteilbibliothek im Herzen von Belsunce mit Büchern und Zeitschriften auf "
                "Französisch, Arabisch und in vielen weiteren Sprachen. Sie veranstaltet "
                "Lesekreise, Schreibwerkstätten und Termine, zu denen Bewohnerinnen und Bewohner "
                "Briefe und Fotos zum Digitalisieren mitbringen."
            ),
            "ar": (
                "مكتبة عمومية في قلب حي بلسونس، تضمّ كتبًا ودوريات بالفرنسية والعربية ولغات أخرى "
                "كثيرة. وتستضيف حلقات للقراءة وورشات للكتابة وجلسات يُحضر فيها السكان رسائلهم "
                "وصورهم لرقمنتها."
            ),
        },
        "website": "https://example.org/bib-belsunce",
    },
    {
        "code": "hafen-archiv",
        "kind": "archive",
        "city": "hamburg",
        "name": {
            "en": "Archiv der Hafenarbeit",
            "fr": "Archiv der Hafenarbeit",
            "de": "Archiv der Hafenarbeit",
            "ar": "أرشيف العمل في الميناء",
        },
        "description": {
            "en": (
                "An archive devoted to the working life of the Port of Hamburg, from dockers and "
                "crane operators to seamen and warehouse workers. It holds tools, diaries, union "
                "papers and tens of thousands of photographs."
            ),
            "fr": (
                "Un centre d’archives consacré à la vie laborieuse du port de Hambourg, des dockers "
                "et grutiers aux marins et magasiniers. Il conserve des outils, des journaux "
                "intimes, des documents syndicaux et des dizaines de milliers de photographies."
            ),
            "de": (
                "Ein Archiv zum Arbeitsleben im Hamburger Hafen – von Schauerleuten und "
                "Kranführern bis zu Seeleuten und Lagerarbeitern. Es verwahrt Werkzeuge, "
                "Tagebücher, Gewerkschaftsunterlagen und Zehntausende Fotografien."
            ),
            "ar": (
                "أرشيف مكرّس للحياة العمّالية في ميناء هامبورغ، من عمّال الأرصفة وسائقي الرافعات "
                "إلى البحّارة وعمّال المستودعات. ويحفظ أدوات ويوميات ووثائق نقابية وعشرات الآلاف "
                "من الصور الفوتوغرافية."
            ),
        },
        "website": "https://example.org/hafen-archiv",
    },
    {
        "code": "kz-st-georg",
        "kind": "community_centre",
        "city": "hamburg",
        "name": {
            "en": "Kulturzentrum St. Georg",
            "fr": "Kulturzentrum St. Georg",
            "de": "Kulturzentrum St. Georg",
            "ar": "المركز الثقافي سانت غيورغ",
        },
        "description": {
            "en": (
                "A community cultural centre in the St. Georg district where neighbours of many "
                "origins meet for concerts, courses and celebrations. Its collection gathers "
                "musical instruments, posters, recordings and memories of the district’s festivals."
            ),
            "fr": (
                "Un centre culturel de quartier à St. Georg, où des voisins de toutes origines se "
                "retrouvent pour des concerts, des cours et des fêtes. Sa collection réunit "
                "instruments de musique, affiches, enregistrements et souvenirs des fêtes du "
                "quartier."
            ),
            "de": (
                "Ein Stadtteilkulturzentrum in St. Georg, in dem sich Nachbarinnen und Nachbarn "
                "unterschiedlichster Herkunft zu Konzerten, Kursen und Festen treffen. Seine "
                "Sammlung vereint Musikinstrumente, Plakate, Tonaufnahmen und Erinnerungen an die "
                "Feste im Viertel."
            ),
            "ar": (
                "مركز ثقافي مجتمعي في حي سانت غيورغ، يلتقي فيه جيران من أصول شتّى لحضور الحفلات "
                "الموسيقية والدروس والاحتفالات. وتضمّ مجموعته آلات موسيقية وملصقات وتسجيلات "
                "صوتية وذكريات عن أعياد الحي."
            ),
        },
        "website": "https://example.org/kz-st-georg",
    },
    {
        "code": "dar-medina",
        "kind": "museum",
        "city": "tunis",
        "name": {
            "en": "Dar el-Medina Museum",
            "fr": "Musée Dar el-Medina",
            "de": "Museum Dar el-Medina",
            "ar": "متحف دار المدينة",
        },
        "description": {
            "en": (
                "A museum housed in a traditional courtyard house in the Medina of Tunis, devoted "
                "to textiles, dress and jewellery. It works closely with the artisans of the souks "
                "to document techniques that are still practised today."
            ),
            "fr": (
                "Un musée installé dans une demeure traditionnelle à patio de la médina de Tunis, "
                "consacré aux textiles, aux costumes et aux bijoux. Il travaille en étroite "
                "collaboration avec les artisans des souks pour documenter des savoir-faire encore "
                "pratiqués aujourd’hui."
            ),
            "de": (
                "Ein Museum in einem traditionellen Innenhofhaus in der Medina von Tunis, das "
                "Textilien, Kleidung und Schmuck gewidmet ist. Es arbeitet eng mit den "
                "Kunsthandwerkern der Souks zusammen, um Techniken zu dokumentieren, die bis heute "
                "ausgeübt werden."
            ),
            "ar": (
                "متحف يشغل دارًا تقليدية ذات فناء في مدينة تونس العتيقة، ويُعنى بالمنسوجات "
                "والأزياء والحُليّ. ويعمل عن كثب مع حِرفيي الأسواق لتوثيق تقنيات لا تزال تُمارَس "
                "إلى اليوم."
            ),
        },
        "website": "https://example.org/dar-medina",
    },
    {
        "code": "cc-la-goulette",
        "kind": "community_centre",
        "city": "tunis",
        "name": {
            "en": "Centre communautaire de La Goulette",
            "fr": "Centre communautaire de La Goulette",
            "de": "Centre communautaire de La Goulette",
            "ar": "المركز المجتمعي بحلق الوادي",
        },
        "description": {
            "en": (
                "A community centre in La Goulette that records the memories of families who left "
                "from the port and of those who stayed. Every summer it organises gatherings where "
                "emigrants visiting home share photographs, letters and stories."
            ),
            "fr": (
                "Un centre communautaire de La Goulette qui recueille la mémoire des familles "
                "parties par le port et de celles qui sont restées. Chaque été, il organise des "
                "rencontres où les émigrés de passage partagent photographies, lettres et récits."
            ),
            "de": (
                "Ein Gemeinschaftszentrum in La Goulette, das die Erinnerungen der Familien "
                "sammelt, die über den Hafen fortgingen, und derer, die blieben. Jeden Sommer lädt "
                "es zu Treffen ein, bei denen Ausgewanderte auf Heimatbesuch Fotos, Briefe und "
                "Geschichten teilen."
            ),
            "ar": (
                "مركز مجتمعي في حلق الوادي يجمع ذكريات العائلات التي رحلت عبر الميناء وتلك التي "
                "بقيت. وينظّم كل صيف لقاءات يتقاسم فيها المهاجرون العائدون في زيارة صورهم "
                "ورسائلهم وحكاياتهم."
            ),
        },
        "website": "https://example.org/cc-la-goulette",
    },
]

THEMES = [
    {
        "slug": "migration",
        "name": {"en": "Migration", "fr": "Migrations", "de": "Migration", "ar": "الهجرة"},
        "description": {
            "en": "Journeys across the Mediterranean, departures, arrivals and returns.",
            "fr": "Traversées de la Méditerranée, départs, arrivées et retours.",
            "de": "Reisen über das Mittelmeer, Abschiede, Ankünfte und Rückkehr.",
            "ar": "رحلات عبر البحر الأبيض المتوسط، ورحيل ووصول وعودة.",
        },
    },
    {
        "slug": "work",
        "name": {"en": "Work", "fr": "Travail", "de": "Arbeit", "ar": "العمل"},
        "description": {
            "en": "Labour on the docks, in workshops and factories, and the skills it demanded.",
            "fr": "Le travail sur les quais, dans les ateliers et les usines, et les savoir-faire qu’il exigeait.",
            "de": "Arbeit an den Kais, in Werkstätten und Fabriken und das Können, das sie verlangte.",
            "ar": "العمل على أرصفة الموانئ وفي الورشات والمصانع، والمهارات التي تطلّبها.",
        },
    },
    {
        "slug": "family",
        "name": {"en": "Family", "fr": "Famille", "de": "Familie", "ar": "العائلة"},
        "description": {
            "en": "Households, generations and the ties that hold families together across distance.",
            "fr": "Foyers, générations et liens qui unissent les familles malgré la distance.",
            "de": "Haushalte, Generationen und die Bande, die Familien über Entfernungen hinweg zusammenhalten.",
            "ar": "البيوت والأجيال والروابط التي تجمع شمل العائلات رغم المسافات.",
        },
    },
    {
        "slug": "music",
        "name": {"en": "Music", "fr": "Musique", "de": "Musik", "ar": "الموسيقى"},
        "description": {
            "en": "Songs, instruments and the musicians who carried them from one shore to the other.",
            "fr": "Chansons, instruments et musiciens qui les ont portés d’une rive à l’autre.",
            "de": "Lieder, Instrumente und die Musiker, die sie von einem Ufer ans andere trugen.",
            "ar": "الأغاني والآلات الموسيقية والعازفون الذين حملوها من ضفة إلى أخرى.",
        },
    },
    {
        "slug": "textiles",
        "name": {"en": "Textiles", "fr": "Textiles", "de": "Textilien", "ar": "المنسوجات"},
        "description": {
            "en": "Weaving, embroidery and dress, from wedding garments to everyday clothes.",
            "fr": "Tissage, broderie et costume, des tenues de mariage aux vêtements de tous les jours.",
            "de": "Weberei, Stickerei und Kleidung, von Hochzeitsgewändern bis zur Alltagskleidung.",
            "ar": "النسيج والتطريز واللباس، من أزياء الأعراس إلى ملابس الحياة اليومية.",
        },
    },
    {
        "slug": "food",
        "name": {"en": "Food", "fr": "Cuisine", "de": "Essen", "ar": "الطعام"},
        "description": {
            "en": "Recipes, markets and shared meals that keep the taste of home alive.",
            "fr": "Recettes, marchés et repas partagés qui gardent vivant le goût du pays.",
            "de": "Rezepte, Märkte und gemeinsame Mahlzeiten, die den Geschmack der Heimat bewahren.",
            "ar": "وصفات وأسواق وموائد مشتركة تُبقي طعم الوطن حيًّا.",
        },
    },
    {
        "slug": "faith-and-festivals",
        "name": {
            "en": "Faith and festivals",
            "fr": "Foi et fêtes",
            "de": "Glaube und Feste",
            "ar": "الإيمان والأعياد",
        },
        "description": {
            "en": "Religious life, feast days and family celebrations in all three cities.",
            "fr": "Vie religieuse, jours de fête et célébrations familiales dans les trois villes.",
            "de": "Religiöses Leben, Feiertage und Familienfeste in allen drei Städten.",
            "ar": "الحياة الدينية والأعياد والاحتفالات العائلية في المدن الثلاث.",
        },
    },
    {
        "slug": "trade",
        "name": {"en": "Trade", "fr": "Commerce", "de": "Handel", "ar": "التجارة"},
        "description": {
            "en": "Goods, merchants and shops that linked the ports of the Mediterranean.",
            "fr": "Marchandises, négociants et boutiques qui reliaient les ports de la Méditerranée.",
            "de": "Waren, Kaufleute und Läden, die die Häfen des Mittelmeers miteinander verbanden.",
            "ar": "البضائع والتجّار والمتاجر التي ربطت بين موانئ البحر الأبيض المتوسط.",
        },
    },
    {
        "slug": "childhood",
        "name": {"en": "Childhood", "fr": "Enfance", "de": "Kindheit", "ar": "الطفولة"},
        "description": {
            "en": "Games, schools and memories of growing up between two countries.",
            "fr": "Jeux, écoles et souvenirs d’une jeunesse passée entre deux pays.",
            "de": "Spiele, Schulen und Erinnerungen an ein Aufwachsen zwischen zwei Ländern.",
            "ar": "ألعاب ومدارس وذكريات النشأة بين بلدين.",
        },
    },
    {
        "slug": "writing",
        "name": {"en": "Writing", "fr": "Écriture", "de": "Schreiben", "ar": "الكتابة"},
        "description": {
            "en": "Letters, diaries and notebooks written to remember and to stay in touch.",
            "fr": "Lettres, journaux et carnets écrits pour se souvenir et garder le lien.",
            "de": "Briefe, Tagebücher und Notizhefte, geschrieben, um sich zu erinnern und in Verbindung zu bleiben.",
            "ar": "رسائل ويوميات ودفاتر كُتبت للتذكّر وللحفاظ على الصلة.",
        },
    },
]

PLACES = [
    {
        "slug": "vieux-port",
        "name": {
            "en": "Old Port (Vieux-Port)",
            "fr": "Vieux-Port",
            "de": "Alter Hafen (Vieux-Port)",
            "ar": "الميناء القديم",
        },
        "description": {
            "en": "The historic harbour of Marseille, where the city was founded and where fishermen still sell their morning catch on the quay.",
            "fr": "Le port historique de Marseille, berceau de la ville, où les pêcheurs vendent encore leur prise du matin sur le quai.",
            "de": "Der historische Hafen von Marseille, an dem die Stadt gegründet wurde und wo Fischer noch heute morgens ihren Fang am Kai verkaufen.",
            "ar": "الميناء التاريخي لمرسيليا ومهد المدينة، حيث لا يزال الصيّادون يبيعون صيدهم كل صباح على الرصيف.",
        },
        "city": "marseille",
        "latitude": 43.2951,
        "longitude": 5.3740,
    },
    {
        "slug": "belsunce",
        "name": {"en": "Belsunce", "fr": "Belsunce", "de": "Belsunce", "ar": "حي بلسونس"},
        "description": {
            "en": "A central Marseille neighbourhood of shops and cafés, long a first home for newcomers from North Africa.",
            "fr": "Un quartier central de Marseille, riche en boutiques et en cafés, longtemps premier point d’ancrage des arrivants d’Afrique du Nord.",
            "de": "Ein zentrales Viertel von Marseille voller Läden und Cafés, lange die erste Anlaufstelle für Neuankömmlinge aus Nordafrika.",
            "ar": "حي في وسط مرسيليا يعجّ بالمتاجر والمقاهي، وكان طويلًا أول محطة للوافدين من شمال أفريقيا.",
        },
        "city": "marseille",
        "latitude": 43.2999,
        "longitude": 5.3771,
    },
    {
        "slug": "port-of-hamburg",
        "name": {
            "en": "Port of Hamburg",
            "fr": "Port de Hambourg",
            "de": "Hamburger Hafen",
            "ar": "ميناء هامبورغ",
        },
        "description": {
            "en": "Germany’s largest seaport on the Elbe, with its quays, warehouses and container terminals.",
            "fr": "Le plus grand port maritime d’Allemagne, sur l’Elbe, avec ses quais, ses entrepôts et ses terminaux à conteneurs.",
            "de": "Deutschlands größter Seehafen an der Elbe mit seinen Kais, Speichern und Containerterminals.",
            "ar": "أكبر ميناء بحري في ألمانيا على نهر الإلبه، بأرصفته ومستودعاته ومحطات حاوياته.",
        },
        "city": "hamburg",
        "latitude": 53.5456,
        "longitude": 9.9666,
    },
    {
        "slug": "st-georg",
        "name": {"en": "St. Georg", "fr": "St. Georg", "de": "St. Georg", "ar": "حي سانت غيورغ"},
        "description": {
            "en": "A lively, diverse district beside Hamburg’s central station, home to many migrant communities.",
            "fr": "Un quartier animé et cosmopolite près de la gare centrale de Hambourg, où vivent de nombreuses communautés immigrées.",
            "de": "Ein lebendiger, vielfältiger Stadtteil am Hamburger Hauptbahnhof, in dem viele Einwanderergemeinschaften zu Hause sind.",
            "ar": "حي نابض بالحياة ومتنوّع بجوار محطة القطارات المركزية في هامبورغ، تسكنه جاليات مهاجرة كثيرة.",
        },
        "city": "hamburg",
        "latitude": 53.5550,
        "longitude": 10.0140,
    },
    {
        "slug": "altona",
        "name": {"en": "Altona", "fr": "Altona", "de": "Altona", "ar": "ألتونا"},
        "description": {
            "en": "A district on the north bank of the Elbe, west of the city centre, once a separate town and long a home for dock and fish-market workers.",
            "fr": "Un quartier sur la rive nord de l’Elbe, à l’ouest du centre, autrefois ville indépendante et longtemps habité par les ouvriers des docks et du marché aux poissons.",
            "de": "Ein Bezirk am Nordufer der Elbe westlich der Innenstadt, einst eine eigenständige Stadt und lange Wohnort von Hafen- und Fischmarktarbeitern.",
            "ar": "حي على الضفة الشمالية لنهر الإلبه غربَ وسط المدينة، كان في الماضي مدينة مستقلة، وسكنه طويلًا عمّال الأرصفة وسوق السمك.",
        },
        "city": "hamburg",
        "latitude": 53.5500,
        "longitude": 9.9350,
    },
    {
        "slug": "tunis-medina",
        "name": {
            "en": "Medina of Tunis",
            "fr": "Médina de Tunis",
            "de": "Medina von Tunis",
            "ar": "مدينة تونس العتيقة",
        },
        "description": {
            "en": "The old walled city of Tunis, with its souks, workshops and courtyard houses, a UNESCO World Heritage Site.",
            "fr": "La vieille ville de Tunis, avec ses souks, ses ateliers et ses maisons à patio, inscrite au patrimoine mondial de l’UNESCO.",
            "de": "Die Altstadt von Tunis mit ihren Souks, Werkstätten und Innenhofhäusern, UNESCO-Welterbe.",
            "ar": "المدينة القديمة في تونس بأسواقها وورشاتها ودورها ذات الأفنية، وهي مدرجة في قائمة التراث العالمي لليونسكو.",
        },
        "city": "tunis",
        "latitude": 36.7985,
        "longitude": 10.1700,
    },
    {
        "slug": "la-goulette",
        "name": {"en": "La Goulette", "fr": "La Goulette", "de": "La Goulette", "ar": "حلق الوادي"},
        "description": {
            "en": "The port town of Tunis, where ferries leave for Marseille and Genoa and many emigrants said goodbye.",
            "fr": "La ville portuaire de Tunis, d’où partent les ferries pour Marseille et Gênes et où tant d’émigrés ont fait leurs adieux.",
            "de": "Die Hafenstadt von Tunis, von der die Fähren nach Marseille und Genua ablegen und wo viele Auswanderer Abschied nahmen.",
            "ar": "المدينة المينائية لتونس، ومنها تُبحر العبّارات نحو مرسيليا وجنوة، وفيها ودّع كثير من المهاجرين أهاليهم.",
        },
        "city": "tunis",
        "latitude": 36.8181,
        "longitude": 10.3050,
    },
    {
        "slug": "sfax",
        "name": {"en": "Sfax", "fr": "Sfax", "de": "Sfax", "ar": "صفاقس"},
        "description": {
            "en": "Tunisia’s second city and a busy port on the Gulf of Gabès, surrounded by olive groves.",
            "fr": "Deuxième ville de Tunisie et port actif sur le golfe de Gabès, entourée d’oliveraies.",
            "de": "Die zweitgrößte Stadt Tunesiens, ein geschäftiger Hafen am Golf von Gabès, umgeben von Olivenhainen.",
            "ar": "ثاني مدن تونس وميناء نشيط على خليج قابس، تحيط به غابات الزيتون.",
        },
        "city": None,
        "latitude": 34.7406,
        "longitude": 10.7603,
    },
    {
        "slug": "djerba",
        "name": {"en": "Djerba", "fr": "Djerba", "de": "Djerba", "ar": "جربة"},
        "description": {
            "en": "An island in southern Tunisia known for its weavers, potters and long tradition of merchants abroad.",
            "fr": "Une île du sud de la Tunisie réputée pour ses tisserands, ses potiers et sa longue tradition de commerçants à l’étranger.",
            "de": "Eine Insel im Süden Tunesiens, bekannt für ihre Weber, Töpfer und eine lange Tradition von Händlern in der Fremde.",
            "ar": "جزيرة في الجنوب التونسي تشتهر بنسّاجيها وخزّافيها وبتقليد عريق من التجّار المغتربين.",
        },
        "city": None,
        "latitude": 33.8076,
        "longitude": 10.8451,
    },
    {
        "slug": "mediterranean",
        "name": {
            "en": "Mediterranean Sea",
            "fr": "Mer Méditerranée",
            "de": "Mittelmeer",
            "ar": "البحر الأبيض المتوسط",
        },
        "description": {
            "en": "The sea that separates and connects the three partner cities.",
            "fr": "La mer qui sépare et relie à la fois les trois villes partenaires.",
            "de": "Das Meer, das die drei Partnerstädte trennt und zugleich verbindet.",
            "ar": "البحر الذي يفصل بين المدن الشريكة الثلاث ويصل بينها في آن واحد.",
        },
        "city": None,
        "latitude": 38.0,
        "longitude": 10.0,
    },
]

PEOPLE = [
    {
        "slug": "fatma-ben-salah",
        "name": {
            "en": "Fatma Ben Salah",
            "fr": "Fatma Ben Salah",
            "de": "Fatma Ben Salah",
            "ar": "فاطمة بن صالح",
        },
        "biography": {
            "en": (
                "Born in Sfax in 1942, Fatma Ben Salah came to Marseille in 1962 and raised her "
                "family a few streets from the Vieux-Port. Her letters home and her memories of "
                "arrival are at the heart of the Marseille collections."
            ),
            "fr": (
                "Née à Sfax en 1942, Fatma Ben Salah est arrivée à Marseille en 1962 et a élevé sa "
                "famille à quelques rues du Vieux-Port. Ses lettres au pays et ses souvenirs "
                "d’arrivée sont au cœur des collections marseillaises."
            ),
            "de": (
                "Fatma Ben Salah, 1942 in Sfax geboren, kam 1962 nach Marseille und zog ihre Familie "
                "wenige Straßen vom Vieux-Port entfernt groß. Ihre Briefe in die Heimat und ihre "
                "Erinnerungen an die Ankunft stehen im Mittelpunkt der Marseiller Sammlungen."
            ),
            "ar": (
                "وُلدت فاطمة بن صالح في صفاقس عام 1942، وقدمت إلى مرسيليا عام 1962 حيث ربّت "
                "عائلتها على بُعد شوارع قليلة من الميناء القديم. وتحتلّ رسائلها إلى الأهل "
                "وذكرياتها عن الوصول مكانة مركزية في مجموعات مرسيليا."
            ),
        },
        "birth_year": 1942,
        "death_year": None,
    },
    {
        "slug": "hedi-trabelsi",
        "name": {
            "en": "Hédi Trabelsi",
            "fr": "Hédi Trabelsi",
            "de": "Hédi Trabelsi",
            "ar": "الهادي الطرابلسي",
        },
        "biography": {
            "en": (
                "Musician who played the mezoued and the oud at weddings in Tunis before settling "
                "in Hamburg, where he led a small band in Altona for four decades. He recorded his "
                "memories for the Kulturzentrum St. Georg two years before his death."
            ),
            "fr": (
                "Musicien, joueur de mezoued et de oud, il anima les mariages de Tunis avant de "
                "s’installer à Hambourg, où il dirigea pendant quarante ans un petit orchestre à "
                "Altona. Il enregistra ses souvenirs pour le Kulturzentrum St. Georg deux ans avant "
                "sa mort."
            ),
            "de": (
                "Der Musiker spielte Mezoued und Oud auf Hochzeiten in Tunis, bevor er sich in "
                "Hamburg niederließ, wo er vier Jahrzehnte lang eine kleine Band in Altona leitete. "
                "Zwei Jahre vor seinem Tod zeichnete er seine Erinnerungen für das Kulturzentrum "
                "St. Georg auf."
            ),
            "ar": (
                "عازف على المزود والعود أحيا الأعراس في تونس قبل أن يستقرّ في هامبورغ، حيث قاد "
                "فرقة صغيرة في ألتونا طوال أربعة عقود. وسجّل ذكرياته للمركز الثقافي سانت غيورغ "
                "قبل وفاته بعامين."
            ),
        },
        "birth_year": 1938,
        "death_year": 2011,
    },
    {
        "slug": "studio-kahn",
        "name": {
            "en": "Studio Kahn",
            "fr": "Studio Kahn",
            "de": "Studio Kahn",
            "ar": "استوديو كان",
        },
        "biography": {
            "en": (
                "Photographic studio in Hamburg, active from 1920 to 1968, known for its portraits "
                "of dock workers and their families. Its glass negatives are now held by the "
                "Archiv der Hafenarbeit."
            ),
            "fr": (
                "Studio de photographie hambourgeois, actif de 1920 à 1968, connu pour ses "
                "portraits de dockers et de leurs familles. Ses négatifs sur verre sont aujourd’hui "
                "conservés à l’Archiv der Hafenarbeit."
            ),
            "de": (
                "Hamburger Fotoatelier, tätig von 1920 bis 1968, bekannt für seine Porträts von "
                "Hafenarbeitern und ihren Familien. Seine Glasnegative befinden sich heute im "
                "Archiv der Hafenarbeit."
            ),
            "ar": (
                "استوديو للتصوير الفوتوغرافي في هامبورغ، نشط بين عامَي 1920 و1968، واشتهر بصوره "
                "الشخصية لعمّال الميناء وعائلاتهم. وتُحفظ ألواحه الزجاجية السالبة اليوم في أرشيف "
                "العمل في الميناء."
            ),
        },
        "birth_year": None,
        "death_year": None,
    },
    {
        "slug": "atelier-bouaziz",
        "name": {
            "en": "Atelier Bouaziz",
            "fr": "Atelier Bouaziz",
            "de": "Atelier Bouaziz",
            "ar": "ورشة بوعزيز",
        },
        "biography": {
            "en": (
                "Family weaving workshop in the Medina of Tunis that produced silk and wool fabrics "
                "for wedding garments. Several of its pieces and pattern books are held by the Dar "
                "el-Medina Museum."
            ),
            "fr": (
                "Atelier familial de tissage de la médina de Tunis qui produisait des étoffes de "
                "soie et de laine pour les tenues de mariage. Plusieurs de ses pièces et de ses "
                "cahiers de motifs sont conservés au musée Dar el-Medina."
            ),
            "de": (
                "Familienweberei in der Medina von Tunis, die Seiden- und Wollstoffe für "
                "Hochzeitsgewänder herstellte. Mehrere ihrer Stücke und Musterbücher befinden sich "
                "im Museum Dar el-Medina."
            ),
            "ar": (
                "ورشة نسيج عائلية في مدينة تونس العتيقة كانت تصنع أقمشة من الحرير والصوف لأزياء "
                "الأعراس. ويحفظ متحف دار المدينة عددًا من قطعها ودفاتر نقوشها."
            ),
        },
        "birth_year": None,
        "death_year": None,
    },
    {
        "slug": "jeanne-rocca",
        "name": {
            "en": "Jeanne Rocca",
            "fr": "Jeanne Rocca",
            "de": "Jeanne Rocca",
            "ar": "جان روكا",
        },
        "biography": {
            "en": (
                "Marseille photographer who documented the quays, markets and ferry terminals of "
                "her city from the 1930s to the 1960s. Her prints form an important part of the "
                "Musée des Mémoires du Port collections."
            ),
            "fr": (
                "Photographe marseillaise qui a documenté les quais, les marchés et les gares "
                "maritimes de sa ville des années 1930 aux années 1960. Ses tirages occupent une "
                "place importante dans les collections du Musée des Mémoires du Port."
            ),
            "de": (
                "Marseiller Fotografin, die von den 1930er- bis in die 1960er-Jahre die Kais, "
                "Märkte und Fährterminals ihrer Stadt dokumentierte. Ihre Abzüge bilden einen "
                "wichtigen Teil der Sammlungen des Musée des Mémoires du Port."
            ),
            "ar": (
                "مصوّرة من مرسيليا وثّقت أرصفة مدينتها وأسواقها ومحطاتها البحرية من ثلاثينيات "
                "القرن العشرين إلى ستينياته. وتشكّل صورها المطبوعة جزءًا مهمًّا من مجموعات متحف "
                "ذاكرة الميناء."
            ),
        },
        "birth_year": 1901,
        "death_year": 1979,
    },
    {
        "slug": "karl-voss",
        "name": {
            "en": "Karl Voss",
            "fr": "Karl Voss",
            "de": "Karl Voss",
            "ar": "كارل فوس",
        },
        "biography": {
            "en": (
                "Hamburg docker who kept a diary of his working days in the port for more than "
                "forty years. His notebooks, donated by his family, are among the treasures of the "
                "Archiv der Hafenarbeit."
            ),
            "fr": (
                "Docker hambourgeois qui a tenu pendant plus de quarante ans le journal de ses "
                "journées de travail au port. Ses carnets, donnés par sa famille, comptent parmi "
                "les trésors de l’Archiv der Hafenarbeit."
            ),
            "de": (
                "Hamburger Hafenarbeiter, der über vierzig Jahre lang Tagebuch über seine "
                "Arbeitstage im Hafen führte. Seine Notizhefte, von der Familie geschenkt, gehören "
                "zu den Schätzen des Archivs der Hafenarbeit."
            ),
            "ar": (
                "عامل ميناء من هامبورغ دوّن يوميات أيام عمله في الميناء طوال أكثر من أربعين عامًا. "
                "وتُعدّ دفاتره، التي أهدتها عائلته، من كنوز أرشيف العمل في الميناء."
            ),
        },
        "birth_year": 1912,
        "death_year": 1990,
    },
    {
        "slug": "mounira-jaziri",
        "name": {
            "en": "Mounira Jaziri",
            "fr": "Mounira Jaziri",
            "de": "Mounira Jaziri",
            "ar": "منيرة الجزيري",
        },
        "biography": {
            "en": (
                "Embroiderer trained in the Medina of Tunis who moved to Hamburg in the 1970s and "
                "has taught embroidery at the Kulturzentrum St. Georg for many years. She divides "
                "her time between Tunis and Hamburg."
            ),
            "fr": (
                "Brodeuse formée dans la médina de Tunis, installée à Hambourg dans les années 1970, "
                "elle enseigne depuis de longues années la broderie au Kulturzentrum St. Georg. "
                "Elle partage son temps entre Tunis et Hambourg."
            ),
            "de": (
                "Die in der Medina von Tunis ausgebildete Stickerin kam in den 1970er-Jahren nach "
                "Hamburg und unterrichtet seit vielen Jahren Stickerei im Kulturzentrum St. Georg. "
                "Sie lebt abwechselnd in Tunis und Hamburg."
            ),
            "ar": (
                "مطرّزة تعلّمت الحرفة في مدينة تونس العتيقة، وانتقلت إلى هامبورغ في سبعينيات القرن "
                "العشرين، وتدرّس التطريز منذ سنوات طويلة في المركز الثقافي سانت غيورغ. وهي تقسّم "
                "وقتها بين تونس وهامبورغ."
            ),
        },
        "birth_year": 1950,
        "death_year": None,
    },
    {
        "slug": "ali-gharbi",
        "name": {
            "en": "Ali Gharbi",
            "fr": "Ali Gharbi",
            "de": "Ali Gharbi",
            "ar": "علي الغربي",
        },
        "biography": {
            "en": (
                "Community historian in Marseille who has recorded dozens of life stories for the "
                "Musée des Mémoires du Port and the Bibliothèque Belsunce. He conducts his "
                "interviews in French and Tunisian Arabic."
            ),
            "fr": (
                "Historien de quartier à Marseille, il a enregistré des dizaines de récits de vie "
                "pour le Musée des Mémoires du Port et la Bibliothèque Belsunce. Il mène ses "
                "entretiens en français et en arabe tunisien."
            ),
            "de": (
                "Der Stadtteilhistoriker aus Marseille hat Dutzende Lebensgeschichten für das Musée "
                "des Mémoires du Port und die Bibliothèque Belsunce aufgezeichnet. Er führt seine "
                "Interviews auf Französisch und Tunesisch-Arabisch."
            ),
            "ar": (
                "مؤرّخ محلّي في مرسيليا سجّل عشرات من قصص الحياة لصالح متحف ذاكرة الميناء ومكتبة "
                "بلسونس. ويُجري مقابلاته بالفرنسية وبالعامية التونسية."
            ),
        },
        "birth_year": 1975,
        "death_year": None,
    },
    {
        "slug": "lea-schulte",
        "name": {
            "en": "Lea Schulte",
            "fr": "Lea Schulte",
            "de": "Lea Schulte",
            "ar": "ليا شولته",
        },
        "biography": {
            "en": (
                "Archivist at the Archiv der Hafenarbeit in Hamburg, where she leads the oral "
                "history programme. She has been interviewing former dock workers and musicians "
                "since her student days."
            ),
            "fr": (
                "Archiviste à l’Archiv der Hafenarbeit de Hambourg, où elle dirige le programme "
                "d’histoire orale. Elle interroge d’anciens dockers et des musiciens depuis ses "
                "années d’études."
            ),
            "de": (
                "Archivarin im Archiv der Hafenarbeit in Hamburg, wo sie das Oral-History-Programm "
                "leitet. Schon seit ihrer Studienzeit interviewt sie ehemalige Hafenarbeiter und "
                "Musiker."
            ),
            "ar": (
                "أمينة أرشيف في أرشيف العمل في الميناء بهامبورغ، حيث تدير برنامج التاريخ الشفوي. "
                "وهي تُجري مقابلات مع عمّال ميناء سابقين وموسيقيين منذ أيام دراستها الجامعية."
            ),
        },
        "birth_year": 1988,
        "death_year": None,
    },
    {
        "slug": "sami-hamdi",
        "name": {
            "en": "Sami Hamdi",
            "fr": "Sami Hamdi",
            "de": "Sami Hamdi",
            "ar": "سامي الحمدي",
        },
        "biography": {
            "en": (
                "Grew up in La Goulette and sailed for Europe in 1969, then worked as a docker and "
                "crane operator in the Port of Hamburg until he retired. He still spends his summers "
                "in La Goulette."
            ),
            "fr": (
                "Il a grandi à La Goulette et s’est embarqué pour l’Europe en 1969, avant de "
                "travailler comme docker puis grutier au port de Hambourg jusqu’à sa retraite. Il "
                "passe toujours ses étés à La Goulette."
            ),
            "de": (
                "Er wuchs in La Goulette auf, brach 1969 nach Europa auf und arbeitete bis zu "
                "seiner Rente als Hafenarbeiter und Kranführer im Hamburger Hafen. Die Sommer "
                "verbringt er bis heute in La Goulette."
            ),
            "ar": (
                "نشأ في حلق الوادي وأبحر نحو أوروبا عام 1969، ثم عمل حمّالًا وسائق رافعة في ميناء "
                "هامبورغ حتى تقاعده. ولا يزال يقضي صيفه في حلق الوادي."
            ),
        },
        "birth_year": 1947,
        "death_year": None,
    },
    {
        "slug": "amina-chebbi",
        "name": {
            "en": "Amina Chebbi",
            "fr": "Amina Chebbi",
            "de": "Amina Chebbi",
            "ar": "آمنة الشابي",
        },
        "biography": {
            "en": (
                "Grew up in the Medina of Tunis, where her mother and aunts worked as "
                "embroiderers. A retired teacher, she shares her memories of childhood, family "
                "celebrations and letters from relatives abroad."
            ),
            "fr": (
                "Elle a grandi dans la médina de Tunis, où sa mère et ses tantes étaient brodeuses. "
                "Enseignante à la retraite, elle partage ses souvenirs d’enfance, de fêtes "
                "familiales et de lettres reçues des proches partis à l’étranger."
            ),
            "de": (
                "Sie wuchs in der Medina von Tunis auf, wo ihre Mutter und ihre Tanten als "
                "Stickerinnen arbeiteten. Die pensionierte Lehrerin erzählt von ihrer Kindheit, "
                "von Familienfesten und von Briefen der Verwandten im Ausland."
            ),
            "ar": (
                "نشأت في مدينة تونس العتيقة حيث عملت أمّها وخالاتها في التطريز. وهي معلّمة "
                "متقاعدة تروي ذكريات طفولتها والاحتفالات العائلية والرسائل التي كانت تصل من "
                "الأقارب في المهجر."
            ),
        },
        "birth_year": 1952,
        "death_year": None,
    },
    {
        "slug": "photo-studio-el-amal",
        "name": {
            "en": "Photo Studio El Amal",
            "fr": "Studio photo El Amal",
            "de": "Fotostudio El Amal",
            "ar": "استوديو الأمل للتصوير",
        },
        "biography": {
            "en": (
                "Photographic studio near the Medina of Tunis where many families had portraits "
                "taken before a relative left for Europe. Its prints survive in family albums on "
                "both shores of the Mediterranean."
            ),
            "fr": (
                "Studio de photographie proche de la médina de Tunis, où de nombreuses familles se "
                "faisaient tirer le portrait avant le départ d’un proche pour l’Europe. Ses tirages "
                "subsistent dans des albums de famille sur les deux rives de la Méditerranée."
            ),
            "de": (
                "Fotostudio nahe der Medina von Tunis, in dem sich viele Familien porträtieren "
                "ließen, bevor ein Angehöriger nach Europa aufbrach. Seine Abzüge sind in "
                "Familienalben an beiden Ufern des Mittelmeers erhalten."
            ),
            "ar": (
                "استوديو للتصوير قرب مدينة تونس العتيقة، كانت عائلات كثيرة تلتقط فيه صورًا "
                "تذكارية قبل سفر أحد أفرادها إلى أوروبا. ولا تزال صوره محفوظة في ألبومات عائلية "
                "على ضفتَي البحر الأبيض المتوسط."
            ),
        },
        "birth_year": None,
        "death_year": None,
    },
]

RIGHTS = [
    {
        "code": "InC",
        "family": "rs",
        "uri": "http://rightsstatements.org/vocab/InC/1.0/",
        "label": {
            "en": "In Copyright",
            "fr": "Protégé par le droit d'auteur",
            "de": "Urheberrechtsschutz",
            "ar": "محمي بحقوق المؤلف",
        },
        "description": {
            "en": (
                "This item is protected by copyright and/or related rights; uses beyond those "
                "permitted by law require the rights holder’s permission."
            ),
            "fr": (
                "Cet objet est protégé par le droit d’auteur et/ou les droits voisins ; toute "
                "utilisation au-delà de ce que permet la loi requiert l’autorisation du titulaire "
                "des droits."
            ),
            "de": (
                "Dieses Objekt ist durch das Urheberrecht und/oder verwandte Schutzrechte "
                "geschützt; Nutzungen über das gesetzlich Erlaubte hinaus bedürfen der Zustimmung "
                "der Rechteinhaber."
            ),
            "ar": (
                "هذه القطعة محمية بحقوق المؤلف و/أو الحقوق المجاورة، ويتطلّب كل استخدام يتجاوز "
                "ما يجيزه القانون إذنًا من صاحب الحقوق."
            ),
        },
    },
    {
        "code": "InC-EDU",
        "family": "rs",
        "uri": "http://rightsstatements.org/vocab/InC-EDU/1.0/",
        "label": {
            "en": "In Copyright - Educational Use Permitted",
            "fr": "Protégé par le droit d'auteur - Utilisation à des fins pédagogiques autorisée",
            "de": "Urheberrechtsschutz - Nutzung zu Bildungszwecken erlaubt",
            "ar": "محمي بحقوق المؤلف - الاستخدام التعليمي مسموح",
        },
        "description": {
            "en": (
                "This item is protected by copyright, but it may be used for educational purposes "
                "without asking the rights holder for further permission."
            ),
            "fr": (
                "Cet objet est protégé par le droit d’auteur, mais il peut être utilisé à des fins "
                "pédagogiques sans autorisation supplémentaire du titulaire des droits."
            ),
            "de": (
                "Dieses Objekt ist urheberrechtlich geschützt, darf aber ohne weitere Erlaubnis "
                "der Rechteinhaber zu Bildungszwecken genutzt werden."
            ),
            "ar": (
                "هذه القطعة محمية بحقوق المؤلف، لكن يجوز استخدامها لأغراض تعليمية دون الحاجة إلى "
                "إذن إضافي من صاحب الحقوق."
            ),
        },
    },
    {
        "code": "NoC-US",
        "family": "rs",
        "uri": "http://rightsstatements.org/vocab/NoC-US/1.0/",
        "label": {
            "en": "No Copyright - United States",
            "fr": "Absence de protection par le droit d'auteur - États-Unis",
            "de": "Kein Urheberrechtsschutz - Vereinigte Staaten",
            "ar": "لا حقوق مؤلف - الولايات المتحدة",
        },
        "description": {
            "en": (
                "This item is in the public domain under the laws of the United States, but its "
                "status in other countries has not been determined."
            ),
            "fr": (
                "Cet objet appartient au domaine public selon la législation des États-Unis, mais "
                "son statut dans les autres pays n’a pas été déterminé."
            ),
            "de": (
                "Dieses Objekt ist nach dem Recht der Vereinigten Staaten gemeinfrei, sein Status "
                "in anderen Ländern wurde jedoch nicht festgestellt."
            ),
            "ar": ("تقع هذه القطعة في الملك العام بموجب قوانين الولايات المتحدة، لكن وضعها في البلدان الأخرى لم يُحدَّد."),
        },
    },
    {
        "code": "CNE",
        "family": "rs",
        "uri": "http://rightsstatements.org/vocab/CNE/1.0/",
        "label": {
            "en": "Copyright Not Evaluated",
            "fr": "Droit d'auteur non évalué",
            "de": "Urheberrechtsschutz nicht bewertet",
            "ar": "حقوق المؤلف غير مُقيَّمة",
        },
        "description": {
            "en": "The copyright and related rights status of this item has not been evaluated.",
            "fr": "Le statut de cet objet au regard du droit d’auteur et des droits voisins n’a pas été évalué.",
            "de": "Der Urheberrechtsschutz und sonstige Rechtsstatus dieses Objekts wurde nicht bewertet.",
            "ar": "لم يُقيَّم وضع هذه القطعة من حيث حقوق المؤلف والحقوق المجاورة.",
        },
    },
    {
        "code": "UND",
        "family": "rs",
        "uri": "http://rightsstatements.org/vocab/UND/1.0/",
        "label": {
            "en": "Copyright Undetermined",
            "fr": "Droit d'auteur indéterminé",
            "de": "Urheberrechtsschutz ungewiss",
            "ar": "حقوق المؤلف غير محدَّدة",
        },
        "description": {
            "en": (
                "The institution holding this item has examined its copyright status but was "
                "unable to determine it conclusively."
            ),
            "fr": (
                "L’institution qui conserve cet objet a examiné son statut au regard du droit "
                "d’auteur, sans parvenir à le déterminer avec certitude."
            ),
            "de": (
                "Die Institution, die dieses Objekt verwahrt, hat seinen urheberrechtlichen Status "
                "geprüft, konnte ihn aber nicht abschließend bestimmen."
            ),
            "ar": (
                "فحصت المؤسسة التي تحفظ هذه القطعة وضعها من حيث حقوق المؤلف، لكنها لم تتمكّن من تحديده على نحو قاطع."
            ),
        },
    },
    {
        "code": "CC0-1.0",
        "family": "cc",
        "uri": "https://creativecommons.org/publicdomain/zero/1.0/",
        "label": {
            "en": "CC0 1.0 Universal",
            "fr": "CC0 1.0 Universel",
            "de": "CC0 1.0 Universell",
            "ar": "CC0 1.0 عالمي",
        },
        "description": {
            "en": (
                "The rights holder has waived all copyright and related rights, so this item may "
                "be used freely, for any purpose, without asking permission."
            ),
            "fr": (
                "Le titulaire des droits a renoncé à tous ses droits d’auteur et droits voisins : "
                "cet objet peut être utilisé librement, à toutes fins, sans demander d’autorisation."
            ),
            "de": (
                "Die Rechteinhaber haben auf alle Urheber- und verwandten Schutzrechte verzichtet; "
                "das Objekt darf ohne Erlaubnis zu jedem Zweck frei genutzt werden."
            ),
            "ar": (
                "تنازل صاحب الحقوق عن جميع حقوق المؤلف والحقوق المجاورة، فيجوز استخدام هذه القطعة "
                "بحرية ولأي غرض دون طلب إذن."
            ),
        },
    },
    {
        "code": "CC-BY-4.0",
        "family": "cc",
        "uri": "https://creativecommons.org/licenses/by/4.0/",
        "label": {
            "en": "Attribution 4.0 International (CC BY 4.0)",
            "fr": "Attribution 4.0 International (CC BY 4.0)",
            "de": "Namensnennung 4.0 International (CC BY 4.0)",
            "ar": "نَسب المُصنَّف 4.0 دولي (CC BY 4.0)",
        },
        "description": {
            "en": (
                "You may share and adapt this item for any purpose, provided you credit the "
                "creator and indicate whether changes were made."
            ),
            "fr": (
                "Vous pouvez partager et adapter cet objet à toutes fins, à condition de créditer "
                "son auteur et d’indiquer si des modifications ont été effectuées."
            ),
            "de": (
                "Sie dürfen dieses Objekt zu jedem Zweck teilen und bearbeiten, sofern Sie die "
                "Urheber nennen und angeben, ob Änderungen vorgenommen wurden."
            ),
            "ar": (
                "يجوز لك مشاركة هذه القطعة وتعديلها لأي غرض، شريطة أن تنسبها إلى صاحبها وأن تُشير "
                "إلى ما إذا كانت قد أُجريت عليها تعديلات."
            ),
        },
    },
    {
        "code": "CC-BY-SA-4.0",
        "family": "cc",
        "uri": "https://creativecommons.org/licenses/by-sa/4.0/",
        "label": {
            "en": "Attribution-ShareAlike 4.0 International (CC BY-SA 4.0)",
            "fr": "Attribution - Partage dans les Mêmes Conditions 4.0 International (CC BY-SA 4.0)",
            "de": "Namensnennung - Weitergabe unter gleichen Bedingungen 4.0 International (CC BY-SA 4.0)",
            "ar": "نَسب المُصنَّف - الترخيص بالمثل 4.0 دولي (CC BY-SA 4.0)",
        },
        "description": {
            "en": (
                "You may share and adapt this item for any purpose, provided you credit the "
                "creator and release your adaptations under the same licence."
            ),
            "fr": (
                "Vous pouvez partager et adapter cet objet à toutes fins, à condition de créditer "
                "son auteur et de diffuser vos adaptations sous la même licence."
            ),
            "de": (
                "Sie dürfen dieses Objekt zu jedem Zweck teilen und bearbeiten, sofern Sie die "
                "Urheber nennen und Ihre Bearbeitungen unter derselben Lizenz weitergeben."
            ),
            "ar": (
                "يجوز لك مشاركة هذه القطعة وتعديلها لأي غرض، شريطة أن تنسبها إلى صاحبها وأن تنشر "
                "أعمالك المشتقّة بموجب الترخيص نفسه."
            ),
        },
    },
    {
        "code": "CC-BY-NC-4.0",
        "family": "cc",
        "uri": "https://creativecommons.org/licenses/by-nc/4.0/",
        "label": {
            "en": "Attribution-NonCommercial 4.0 International (CC BY-NC 4.0)",
            "fr": "Attribution - Pas d'Utilisation Commerciale 4.0 International (CC BY-NC 4.0)",
            "de": "Namensnennung - Nicht-kommerziell 4.0 International (CC BY-NC 4.0)",
            "ar": "نَسب المُصنَّف - غير تجاري 4.0 دولي (CC BY-NC 4.0)",
        },
        "description": {
            "en": ("You may share and adapt this item for non-commercial purposes, provided you credit the creator."),
            "fr": (
                "Vous pouvez partager et adapter cet objet à des fins non commerciales, à condition "
                "de créditer son auteur."
            ),
            "de": (
                "Sie dürfen dieses Objekt zu nicht kommerziellen Zwecken teilen und bearbeiten, "
                "sofern Sie die Urheber nennen."
            ),
            "ar": ("يجوز لك مشاركة هذه القطعة وتعديلها لأغراض غير تجارية، شريطة أن تنسبها إلى صاحبها."),
        },
    },
]

COLLECTIONS = [
    {
        "slug": "harbour-work",
        "institution": "hafen-archiv",
        "title": {
            "en": "Harbour Work",
            "fr": "Le travail portuaire",
            "de": "Hafenarbeit",
            "ar": "العمل في الميناء",
        },
        "summary": {
            "en": (
                "Tools, diaries and photographs from the working life of the Port of Hamburg, from "
                "the 1920s to the arrival of the container."
            ),
            "fr": (
                "Outils, journaux intimes et photographies de la vie laborieuse du port de "
                "Hambourg, des années 1920 à l’arrivée du conteneur."
            ),
            "de": (
                "Werkzeuge, Tagebücher und Fotografien aus dem Arbeitsleben im Hamburger Hafen, "
                "von den 1920er-Jahren bis zur Ankunft des Containers."
            ),
            "ar": (
                "أدوات ويوميات وصور من الحياة العمّالية في ميناء هامبورغ، من عشرينيات القرن العشرين حتى ظهور الحاويات."
            ),
        },
        "introduction": {
            "en": (
                "<p>Before cranes and containers, goods in the Port of Hamburg moved on the "
                "shoulders of dockers. This collection gathers the hooks, hand trucks and work "
                "clothes they used, the portraits taken at <strong>Studio Kahn</strong>, and the "
                "notebooks in which <strong>Karl Voss</strong> recorded his shifts, his wages and "
                "the weather for more than forty years.</p>"
                "<p>From the 1960s onwards, colleagues from Turkey, Portugal, Yugoslavia and "
                "Tunisia joined the gangs on the quays. Their identity cards, letters and union "
                "badges show how the port became a workplace of many languages.</p>"
            ),
            "fr": (
                "<p>Avant les grues et les conteneurs, les marchandises du port de Hambourg "
                "passaient sur les épaules des dockers. Cette collection rassemble les crochets, "
                "diables et vêtements de travail dont ils se servaient, les portraits réalisés au "
                "<strong>Studio Kahn</strong> et les carnets dans lesquels <strong>Karl "
                "Voss</strong> a noté pendant plus de quarante ans ses postes, ses salaires et le "
                "temps qu’il faisait.</p>"
                "<p>À partir des années 1960, des collègues venus de Turquie, du Portugal, de "
                "Yougoslavie et de Tunisie ont rejoint les équipes sur les quais. Leurs cartes "
                "d’identité, leurs lettres et leurs insignes syndicaux montrent comment le port "
                "est devenu un lieu de travail aux langues multiples.</p>"
            ),
            "de": (
                "<p>Vor Kränen und Containern wurden die Waren im Hamburger Hafen auf den "
                "Schultern der Hafenarbeiter bewegt. Diese Sammlung vereint ihre Haken, Sackkarren "
                "und Arbeitskleidung, die Porträts aus dem <strong>Studio Kahn</strong> und die "
                "Notizhefte, in denen <strong>Karl Voss</strong> über vierzig Jahre lang "
                "Schichten, Löhne und das Wetter festhielt.</p>"
                "<p>Ab den 1960er-Jahren kamen Kollegen aus der Türkei, Portugal, Jugoslawien und "
                "Tunesien in die Gangs an den Kais. Ihre Ausweise, Briefe und "
                "Gewerkschaftsabzeichen zeigen, wie der Hafen zu einem vielsprachigen Arbeitsort "
                "wurde.</p>"
            ),
            "ar": (
                "<p>قبل الرافعات والحاويات، كانت البضائع في ميناء هامبورغ تنتقل على أكتاف عمّال "
                "الأرصفة. وتجمع هذه المجموعة الخطاطيف والعربات اليدوية وملابس العمل التي "
                "استخدموها، والصور الشخصية الملتقطة في <strong>استوديو كان</strong>، والدفاتر "
                "التي دوّن فيها <strong>كارل فوس</strong> طوال أكثر من أربعين عامًا نوبات عمله "
                "وأجوره وأحوال الطقس.</p>"
                "<p>ومنذ ستينيات القرن العشرين انضمّ إلى فرق العمل على الأرصفة زملاء قدموا من "
                "تركيا والبرتغال ويوغوسلافيا وتونس. وتُظهر بطاقات هويتهم ورسائلهم وشاراتهم "
                "النقابية كيف أصبح الميناء مكان عمل متعدّد اللغات.</p>"
            ),
        },
        "cover_motif": "tool",
        "cover_alt": {
            "en": "Illustration of a docker’s hook and a coil of rope on a grey-blue background.",
            "fr": "Illustration d’un crochet de docker et d’un rouleau de corde sur fond gris-bleu.",
            "de": "Illustration eines Stauerhakens und einer Taurolle vor graublauem Hintergrund.",
            "ar": "رسم لخطّاف عامل ميناء ولفّة حبل على خلفية زرقاء رمادية.",
        },
    },
    {
        "slug": "letters-and-photographs",
        "institution": "mmp-marseille",
        "title": {
            "en": "Letters and Family Photographs",
            "fr": "Lettres et photographies de famille",
            "de": "Briefe und Familienfotografien",
            "ar": "رسائل وصور عائلية",
        },
        "summary": {
            "en": (
                "Letters, postcards and family photographs that travelled between Marseille and "
                "the southern shore of the Mediterranean."
            ),
            "fr": (
                "Lettres, cartes postales et photographies de famille qui ont voyagé entre "
                "Marseille et la rive sud de la Méditerranée."
            ),
            "de": (
                "Briefe, Postkarten und Familienfotos, die zwischen Marseille und dem Südufer des "
                "Mittelmeers unterwegs waren."
            ),
            "ar": ("رسائل وبطاقات بريدية وصور عائلية سافرت بين مرسيليا والضفة الجنوبية للبحر الأبيض المتوسط."),
        },
        "introduction": {
            "en": (
                "<p>For families divided by the sea, the post was a lifeline. This collection "
                "brings together airmail letters, postcards, money-order receipts and studio "
                "portraits lent or donated by Marseille families, many of them with roots in "
                "Tunisia and Algeria.</p>"
                "<p>It includes the letters <strong>Fatma Ben Salah</strong> sent home to Sfax, "
                "photographs of the quays by <strong>Jeanne Rocca</strong> and portraits made at "
                "the <strong>Photo Studio El Amal</strong> in Tunis. Together they show how people "
                "kept in touch, and how they wished to be seen by those they had left behind.</p>"
            ),
            "fr": (
                "<p>Pour les familles séparées par la mer, le courrier était un lien vital. Cette "
                "collection réunit lettres par avion, cartes postales, talons de mandats et "
                "portraits de studio prêtés ou donnés par des familles marseillaises, dont beaucoup "
                "ont des racines en Tunisie et en Algérie.</p>"
                "<p>On y trouve les lettres que <strong>Fatma Ben Salah</strong> envoyait à Sfax, "
                "les photographies des quais de <strong>Jeanne Rocca</strong> et des portraits "
                "réalisés au <strong>Studio photo El Amal</strong> de Tunis. Ensemble, ils montrent "
                "comment on gardait le contact, et comment on souhaitait être vu par ceux qu’on "
                "avait laissés derrière soi.</p>"
            ),
            "de": (
                "<p>Für Familien, die das Meer trennte, war die Post eine Lebensader. Diese "
                "Sammlung vereint Luftpostbriefe, Postkarten, Belege von Postanweisungen und "
                "Atelierporträts, die Marseiller Familien – viele mit Wurzeln in Tunesien und "
                "Algerien – als Leihgabe oder Schenkung überlassen haben.</p>"
                "<p>Dazu gehören die Briefe, die <strong>Fatma Ben Salah</strong> nach Sfax "
                "schickte, Fotografien der Kais von <strong>Jeanne Rocca</strong> und Porträts aus "
                "dem <strong>Fotostudio El Amal</strong> in Tunis. Zusammen zeigen sie, wie "
                "Menschen in Verbindung blieben – und wie sie von denen gesehen werden wollten, die "
                "sie zurückgelassen hatten.</p>"
            ),
            "ar": (
                "<p>كان البريد شريان حياة للعائلات التي فرّقها البحر. وتجمع هذه المجموعة رسائل "
                "بالبريد الجوي وبطاقات بريدية وإيصالات حوالات مالية وصورًا شخصية التُقطت في "
                "الاستوديوهات، أعارتها أو أهدتها عائلات من مرسيليا، كثير منها ذو جذور في تونس "
                "والجزائر.</p>"
                "<p>وتضمّ الرسائل التي كانت <strong>فاطمة بن صالح</strong> تبعث بها إلى صفاقس، "
                "وصور الأرصفة التي التقطتها <strong>جان روكا</strong>، وصورًا شخصية أُنجزت في "
                "<strong>استوديو الأمل للتصوير</strong> بتونس. وهي تكشف معًا كيف حافظ الناس على "
                "التواصل، وكيف أرادوا أن يراهم من تركوهم وراءهم.</p>"
            ),
        },
        "cover_motif": "letter",
        "cover_alt": {
            "en": "Illustration of an airmail envelope with striped edges resting on a pile of old photographs.",
            "fr": "Illustration d’une enveloppe par avion à bordure rayée posée sur une pile de vieilles photographies.",
            "de": "Illustration eines Luftpostumschlags mit gestreiftem Rand auf einem Stapel alter Fotografien.",
            "ar": "رسم لظرف بريد جوي بحواشٍ مخطّطة موضوع فوق كومة من الصور القديمة.",
        },
    },
    {
        "slug": "textiles-and-dress",
        "institution": "dar-medina",
        "title": {
            "en": "Textiles and Dress",
            "fr": "Textiles et costumes",
            "de": "Textilien und Kleidung",
            "ar": "المنسوجات والأزياء",
        },
        "summary": {
            "en": (
                "Woven fabrics, embroidered garments and wedding dress from the workshops of the "
                "Medina of Tunis and the homes of emigrant families."
            ),
            "fr": (
                "Étoffes tissées, vêtements brodés et costumes de mariage issus des ateliers de la "
                "médina de Tunis et des foyers de familles émigrées."
            ),
            "de": (
                "Gewebte Stoffe, bestickte Gewänder und Hochzeitskleidung aus den Werkstätten der "
                "Medina von Tunis und aus den Haushalten ausgewanderter Familien."
            ),
            "ar": ("أقمشة منسوجة وملابس مطرّزة وأزياء أعراس من ورشات مدينة تونس العتيقة ومن بيوت العائلات المهاجرة."),
        },
        "introduction": {
            "en": (
                "<p>The souks of the Medina of Tunis have long been home to weavers, embroiderers "
                "and tailors. This collection follows their work, from the silk and wool fabrics "
                "woven at the <strong>Atelier Bouaziz</strong> to wedding garments embroidered with "
                "gold thread and pattern books passed down from mother to daughter.</p>"
                "<p>Many pieces travelled. Brides took embroidered linen to Marseille and Hamburg, "
                "and families abroad sent fabric home for celebrations. Embroiderers such as "
                "<strong>Mounira Jaziri</strong> help the museum identify techniques and tell the "
                "stories behind each piece.</p>"
            ),
            "fr": (
                "<p>Les souks de la médina de Tunis abritent depuis longtemps tisserands, brodeuses "
                "et tailleurs. Cette collection suit leur travail, des étoffes de soie et de laine "
                "tissées à l’<strong>Atelier Bouaziz</strong> aux tenues de mariage brodées de fil "
                "d’or, en passant par les cahiers de motifs transmis de mère en fille.</p>"
                "<p>Beaucoup de pièces ont voyagé. Les jeunes mariées emportaient du linge brodé à "
                "Marseille et à Hambourg, et les familles installées à l’étranger envoyaient des "
                "tissus au pays pour les fêtes. Des brodeuses comme <strong>Mounira "
                "Jaziri</strong> aident le musée à identifier les techniques et à raconter "
                "l’histoire de chaque pièce.</p>"
            ),
            "de": (
                "<p>In den Souks der Medina von Tunis arbeiten seit jeher Weber, Stickerinnen und "
                "Schneider. Diese Sammlung folgt ihrer Arbeit – von den Seiden- und Wollstoffen "
                "aus dem <strong>Atelier Bouaziz</strong> über mit Goldfaden bestickte "
                "Hochzeitsgewänder bis zu Musterbüchern, die von der Mutter an die Tochter "
                "weitergegeben wurden.</p>"
                "<p>Viele Stücke gingen auf Reisen. Bräute nahmen bestickte Wäsche mit nach "
                "Marseille und Hamburg, und Familien im Ausland schickten Stoffe für Feste nach "
                "Hause. Stickerinnen wie <strong>Mounira Jaziri</strong> helfen dem Museum, "
                "Techniken zu bestimmen und die Geschichten hinter jedem Stück zu erzählen.</p>"
            ),
            "ar": (
                "<p>احتضنت أسواق مدينة تونس العتيقة منذ زمن بعيد النسّاجين والمطرّزات والخيّاطين. "
                "وتتتبّع هذه المجموعة أعمالهم، من أقمشة الحرير والصوف المنسوجة في <strong>ورشة "
                "بوعزيز</strong> إلى أزياء الأعراس المطرّزة بخيوط الذهب، ودفاتر النقوش التي "
                "توارثتها البنات عن الأمهات.</p>"
                "<p>وقد سافرت قطع كثيرة؛ فحملت العرائس البياضات المطرّزة إلى مرسيليا وهامبورغ، "
                "وأرسلت العائلات المقيمة في الخارج الأقمشة إلى الوطن من أجل الأعراس والأعياد. "
                "وتساعد مطرّزات مثل <strong>منيرة الجزيري</strong> المتحفَ على تحديد التقنيات "
                "ورواية الحكاية الكامنة وراء كل قطعة.</p>"
            ),
        },
        "cover_motif": "textile",
        "cover_alt": {
            "en": "Illustration of a woven fabric with red, gold and indigo geometric patterns.",
            "fr": "Illustration d’une étoffe tissée aux motifs géométriques rouges, or et indigo.",
            "de": "Illustration eines gewebten Stoffes mit geometrischen Mustern in Rot, Gold und Indigo.",
            "ar": "رسم لقماش منسوج بنقوش هندسية حمراء وذهبية ونيلية.",
        },
    },
    {
        "slug": "music-and-celebration",
        "institution": "kz-st-georg",
        "title": {
            "en": "Music and Celebration",
            "fr": "Musique et fêtes",
            "de": "Musik und Feste",
            "ar": "الموسيقى والاحتفالات",
        },
        "summary": {
            "en": (
                "Instruments, posters and recordings from weddings, concerts and neighbourhood "
                "festivals in Hamburg’s St. Georg and Altona districts."
            ),
            "fr": (
                "Instruments, affiches et enregistrements de mariages, de concerts et de fêtes de "
                "quartier à St. Georg et à Altona, à Hambourg."
            ),
            "de": (
                "Instrumente, Plakate und Tonaufnahmen von Hochzeiten, Konzerten und "
                "Stadtteilfesten in den Hamburger Vierteln St. Georg und Altona."
            ),
            "ar": (
                "آلات موسيقية وملصقات وتسجيلات من الأعراس والحفلات ومهرجانات الأحياء في حيَّي "
                "سانت غيورغ وألتونا بهامبورغ."
            ),
        },
        "introduction": {
            "en": (
                "<p>Music travelled with the people who came to work in Hamburg. This collection "
                "brings together the instruments, posters, cassettes and photographs of the bands "
                "that played at weddings, Eid celebrations and neighbourhood festivals, among them "
                "the mezoued and oud of <strong>Hédi Trabelsi</strong>.</p>"
                "<p>Alongside the objects, the Kulturzentrum St. Georg records the memories of "
                "musicians and audiences, so that the songs that once filled community halls and "
                "back courtyards can be heard again.</p>"
            ),
            "fr": (
                "<p>La musique a voyagé avec celles et ceux qui sont venus travailler à Hambourg. "
                "Cette collection réunit les instruments, affiches, cassettes et photographies des "
                "orchestres qui jouaient aux mariages, aux fêtes de l’Aïd et aux fêtes de quartier, "
                "parmi lesquels le mezoued et le oud de <strong>Hédi Trabelsi</strong>.</p>"
                "<p>En complément des objets, le Kulturzentrum St. Georg enregistre les souvenirs "
                "des musiciens et de leur public, afin que les chansons qui remplissaient autrefois "
                "les salles associatives et les arrière-cours puissent de nouveau se faire "
                "entendre.</p>"
            ),
            "de": (
                "<p>Die Musik reiste mit den Menschen, die zum Arbeiten nach Hamburg kamen. Diese "
                "Sammlung vereint Instrumente, Plakate, Kassetten und Fotografien der Bands, die auf "
                "Hochzeiten, bei Eid-Feiern und auf Stadtteilfesten spielten, darunter "
                "Mezoued und Oud von <strong>Hédi Trabelsi</strong>.</p>"
                "<p>Neben den Objekten zeichnet das Kulturzentrum St. Georg die Erinnerungen von "
                "Musikern und Publikum auf, damit die Lieder, die einst Gemeindesäle und Hinterhöfe "
                "füllten, wieder zu hören sind.</p>"
            ),
            "ar": (
                "<p>سافرت الموسيقى مع الذين قدموا للعمل في هامبورغ. وتجمع هذه المجموعة الآلات "
                "والملصقات وأشرطة الكاسيت والصور الخاصة بالفرق التي أحيت الأعراس واحتفالات العيد "
                "ومهرجانات الأحياء، ومنها مزود <strong>الهادي الطرابلسي</strong> وعوده.</p>"
                "<p>وإلى جانب القطع، يسجّل المركز الثقافي سانت غيورغ ذكريات العازفين وجمهورهم، "
                "حتى تُسمع من جديد الأغاني التي ملأت يومًا قاعات الجمعيات والأفنية الخلفية.</p>"
            ),
        },
        "cover_motif": "instrument",
        "cover_alt": {
            "en": "Illustration of an oud and a mezoued against a warm orange background.",
            "fr": "Illustration d’un oud et d’un mezoued sur un fond orange chaud.",
            "de": "Illustration einer Oud und eines Mezoued vor warmem orangefarbenem Hintergrund.",
            "ar": "رسم لعود ومزود على خلفية برتقالية دافئة.",
        },
    },
]

ORAL_HISTORIES = [
    {
        "slug": "from-sfax-to-the-vieux-port",
        "title": {
            "en": "From Sfax to the Vieux-Port",
            "fr": "De Sfax au Vieux-Port",
            "de": "Von Sfax zum Vieux-Port",
            "ar": "من صفاقس إلى الميناء القديم",
        },
        "summary": {
            "en": (
                "<p>Fatma Ben Salah remembers the crossing from Tunis in the autumn of 1962, the "
                "suitcase of embroidered linen her mother packed for her and her first sight of "
                "Marseille from the deck. She describes the small flat near the Vieux-Port, the "
                "neighbours who taught her Provençal recipes and the letter she wrote home to Sfax "
                "every Sunday.</p>"
            ),
            "fr": (
                "<p>Fatma Ben Salah se souvient de la traversée depuis Tunis à l’automne 1962, de "
                "la valise de linge brodé que sa mère lui avait préparée et de sa première vision "
                "de Marseille depuis le pont du bateau. Elle décrit le petit appartement près du "
                "Vieux-Port, les voisines qui lui ont appris des recettes provençales et la lettre "
                "qu’elle écrivait chaque dimanche à sa famille restée à Sfax.</p>"
            ),
            "de": (
                "<p>Fatma Ben Salah erinnert sich an die Überfahrt von Tunis im Herbst 1962, an den "
                "Koffer mit bestickter Wäsche, den ihre Mutter für sie gepackt hatte, und an ihren "
                "ersten Blick auf Marseille vom Deck aus. Sie erzählt von der kleinen Wohnung am "
                "Vieux-Port, von den Nachbarinnen, die ihr provenzalische Rezepte beibrachten, und "
                "von dem Brief, den sie jeden Sonntag nach Sfax schrieb.</p>"
            ),
            "ar": (
                "<p>تستعيد فاطمة بن صالح رحلة العبور من تونس في خريف عام 1962، والحقيبة المليئة "
                "بالبياضات المطرّزة التي أعدّتها لها أمّها، وأول نظرة ألقتها على مرسيليا من على "
                "ظهر الباخرة. وتصف الشقة الصغيرة قرب الميناء القديم، والجارات اللواتي علّمنها "
                "أطباقًا بروفنسية، والرسالة التي كانت تكتبها كل يوم أحد إلى أهلها في صفاقس.</p>"
            ),
        },
        "narrators": ["fatma-ben-salah"],
        "interviewer": "ali-gharbi",
        "institution": "mmp-marseille",
        "recorded_on": "2018-03-14",
        "place": "vieux-port",
        "languages_spoken": "aeb, fr",
        "rights": "CC-BY-NC-4.0",
    },
    {
        # Hédi Trabelsi died in 2011, so his interview predates the 2015–2025 range.
        "slug": "songs-for-weddings-in-altona",
        "title": {
            "en": "Songs for Weddings in Altona",
            "fr": "Chansons pour les mariages d’Altona",
            "de": "Lieder für Hochzeiten in Altona",
            "ar": "أغانٍ لأعراس ألتونا",
        },
        "summary": {
            "en": (
                "<p>In this interview, recorded two years before his death, Hédi Trabelsi tells how he learned the "
                "mezoued at weddings in Tunis and brought his instruments to Hamburg at the end of "
                "the 1960s. He recalls rehearsals in an Altona basement, the first Tunisian "
                "weddings his band played in the city and the German neighbours who came to dance. "
                "He sings several verses during the interview.</p>"
            ),
            "fr": (
                "<p>Dans cet entretien enregistré deux ans avant sa mort, Hédi Trabelsi raconte comment il a appris le "
                "mezoued dans les mariages de Tunis et apporté ses instruments à Hambourg à la fin "
                "des années 1960. Il évoque les répétitions dans une cave d’Altona, les premiers "
                "mariages tunisiens que son orchestre a animés dans la ville et les voisins "
                "allemands venus danser. Il chante plusieurs couplets au cours de l’entretien.</p>"
            ),
            "de": (
                "<p>Zwei Jahre vor seinem Tod erzählt Hédi Trabelsi, wie er auf Hochzeiten in Tunis "
                "den Mezoued spielen lernte und Ende der 1960er-Jahre seine Instrumente nach "
                "Hamburg mitbrachte. Er erinnert sich an Proben in einem Keller in Altona, an die "
                "ersten tunesischen Hochzeiten, auf denen seine Band in der Stadt spielte, und an "
                "die deutschen Nachbarn, die zum Tanzen kamen. Während des Interviews singt er "
                "mehrere Strophen.</p>"
            ),
            "ar": (
                "<p>في هذا التسجيل الذي أُنجز قبل وفاته بعامين، يروي الهادي الطرابلسي كيف تعلّم "
                "العزف على المزود في أعراس تونس، وكيف حمل آلاته إلى هامبورغ في أواخر ستينيات القرن "
                "العشرين. ويستعيد التدريبات في قبو بحي ألتونا، وأولى الأعراس التونسية التي أحيتها "
                "فرقته في المدينة، والجيران الألمان الذين جاؤوا للرقص. ويغنّي عدّة مقاطع خلال "
                "المقابلة.</p>"
            ),
        },
        "narrators": ["hedi-trabelsi"],
        "interviewer": "lea-schulte",
        "institution": "kz-st-georg",
        "recorded_on": "2009-06-20",
        "place": "altona",
        "languages_spoken": "aeb, de",
        "rights": "InC",
    },
    {
        "slug": "nights-on-the-ferry",
        "title": {
            "en": "Nights on the Ferry",
            "fr": "Nuits sur le ferry",
            "de": "Nächte auf der Fähre",
            "ar": "ليالٍ على متن العبّارة",
        },
        # The Arabic summary is left out on purpose to demonstrate language fallback.
        "summary": {
            "en": (
                "<p>Sami Hamdi describes leaving La Goulette in 1969, the long journey by boat and "
                "train to Hamburg and his first winter on the quays. He talks about learning the "
                "dockers’ slang, moving from the hook to the crane cab when the containers arrived, "
                "and the summer ferries that carried his family back to Tunisia every year.</p>"
            ),
            "fr": (
                "<p>Sami Hamdi raconte son départ de La Goulette en 1969, le long voyage en bateau "
                "et en train jusqu’à Hambourg et son premier hiver sur les quais. Il évoque "
                "l’apprentissage de l’argot des dockers, le passage du crochet à la cabine de grue "
                "avec l’arrivée des conteneurs, et les ferries d’été qui ramenaient chaque année "
                "sa famille en Tunisie.</p>"
            ),
            "de": (
                "<p>Sami Hamdi erzählt von seinem Aufbruch aus La Goulette im Jahr 1969, der langen "
                "Reise mit Schiff und Zug nach Hamburg und seinem ersten Winter an den Kais. Er "
                "spricht darüber, wie er den Jargon der Hafenarbeiter lernte, wie er mit dem "
                "Aufkommen der Container vom Haken ins Kranführerhaus wechselte und von den "
                "Sommerfähren, die seine Familie jedes Jahr nach Tunesien brachten.</p>"
            ),
        },
        "narrators": ["sami-hamdi"],
        "interviewer": "lea-schulte",
        "institution": "hafen-archiv",
        "recorded_on": "2019-09-05",
        "place": "port-of-hamburg",
        "languages_spoken": "aeb, de, fr",
        "rights": "InC-EDU",
    },
    {
        "slug": "a-childhood-in-the-medina",
        "title": {
            "en": "A Childhood in the Medina",
            "fr": "Une enfance dans la médina",
            "de": "Eine Kindheit in der Medina",
            "ar": "طفولة في المدينة العتيقة",
        },
        "summary": {
            "en": (
                "<p>Amina Chebbi recalls growing up in a courtyard house in the Medina of Tunis, "
                "where her mother and aunts embroidered wedding garments around a shared frame. "
                "She remembers the scent of jasmine, the festivals of the year and the day an "
                "uncle’s first letter arrived from Marseille with a photograph tucked inside.</p>"
            ),
            "fr": (
                "<p>Amina Chebbi se souvient de son enfance dans une maison à patio de la médina de "
                "Tunis, où sa mère et ses tantes brodaient des tenues de mariage autour d’un même "
                "métier. Elle évoque le parfum du jasmin, les fêtes qui rythmaient l’année et le "
                "jour où la première lettre d’un oncle est arrivée de Marseille, une photographie "
                "glissée à l’intérieur.</p>"
            ),
            "de": (
                "<p>Amina Chebbi erinnert sich an ihre Kindheit in einem Innenhofhaus in der Medina "
                "von Tunis, wo ihre Mutter und ihre Tanten an einem gemeinsamen Rahmen "
                "Hochzeitsgewänder bestickten. Sie erzählt vom Duft des Jasmins, von den Festen des "
                "Jahres und von dem Tag, an dem der erste Brief eines Onkels aus Marseille ankam – "
                "mit einem Foto darin.</p>"
            ),
            "ar": (
                "<p>تستعيد آمنة الشابي طفولتها في دار ذات فناء بمدينة تونس العتيقة، حيث كانت أمّها "
                "وخالاتها يطرّزن أزياء الأعراس حول إطار تطريز واحد. وتتذكّر عبير الياسمين، وأعياد "
                "السنة، واليوم الذي وصلت فيه أول رسالة من خالها في مرسيليا وفي طيّها صورة.</p>"
            ),
        },
        "narrators": ["amina-chebbi"],
        "interviewer": "ali-gharbi",
        "institution": "dar-medina",
        "recorded_on": "2022-04-12",
        "place": "tunis-medina",
        "languages_spoken": "aeb, ar, fr",
        "rights": "CC-BY-4.0",
    },
    {
        "slug": "needle-and-thread",
        "title": {
            "en": "Needle and Thread between Tunis and Hamburg",
            "fr": "Le fil et l’aiguille, de Tunis à Hambourg",
            "de": "Nadel und Faden zwischen Tunis und Hamburg",
            "ar": "الإبرة والخيط بين تونس وهامبورغ",
        },
        "summary": {
            "en": (
                "<p>In this interview, recorded during a summer visit to La Goulette, Mounira Jaziri talks about her "
                "apprenticeship in an embroidery workshop in the Medina, her move to Hamburg in the "
                "1970s and the embroidery circle she founded in St. Georg. She explains how "
                "Tunisian stitches met German patterns in her classes, and why she still brings "
                "thread back from the souks every year.</p>"
            ),
            "fr": (
                "<p>Enregistrée lors d’un séjour estival à La Goulette, Mounira Jaziri raconte son "
                "apprentissage dans un atelier de broderie de la médina, son installation à "
                "Hambourg dans les années 1970 et le cercle de broderie qu’elle a fondé à St. "
                "Georg. Elle explique comment les points tunisiens ont rencontré les motifs "
                "allemands dans ses cours, et pourquoi elle rapporte encore chaque année du fil des "
                "souks.</p>"
            ),
            "de": (
                "<p>Bei einem Sommerbesuch in La Goulette erzählt Mounira Jaziri von ihrer Lehre in "
                "einer Stickwerkstatt der Medina, von ihrem Umzug nach Hamburg in den 1970er-Jahren "
                "und von dem Stickkreis, den sie in St. Georg gegründet hat. Sie erklärt, wie in "
                "ihren Kursen tunesische Stiche auf deutsche Muster trafen und warum sie noch immer "
                "jedes Jahr Garn aus den Souks mitbringt.</p>"
            ),
            "ar": (
                "<p>في تسجيل أُنجز خلال زيارة صيفية إلى حلق الوادي، تتحدّث منيرة الجزيري عن تعلّمها "
                "الحرفة في ورشة تطريز بالمدينة العتيقة، وعن انتقالها إلى هامبورغ في سبعينيات القرن "
                "العشرين، وعن حلقة التطريز التي أسّستها في حي سانت غيورغ. وتشرح كيف التقت الغرز "
                "التونسية بالنقوش الألمانية في دروسها، ولماذا لا تزال تحمل معها كل عام خيوطًا من "
                "الأسواق.</p>"
            ),
        },
        "narrators": ["mounira-jaziri"],
        "interviewer": "lea-schulte",
        "institution": "cc-la-goulette",
        "recorded_on": "2024-08-06",
        "place": "la-goulette",
        "languages_spoken": "aeb, de, fr",
        "rights": "CC-BY-SA-4.0",
    },
    {
        "slug": "letters-read-aloud",
        "title": {
            "en": "Letters Read Aloud",
            "fr": "Lettres lues à voix haute",
            "de": "Laut gelesene Briefe",
            "ar": "رسائل تُقرأ بصوت عالٍ",
        },
        "summary": {
            "en": (
                "<p>At a reading session in the Bibliothèque Belsunce, Fatma Ben Salah and Amina "
                "Chebbi, visiting from Tunis, read aloud letters that crossed the sea between "
                "Marseille and Tunis in the 1960s and 1970s. Between readings they talk about the "
                "neighbours who wrote letters for those who could not, the worries left unsaid to "
                "spare anxious parents, and how the telephone slowly replaced the weekly letter.</p>"
            ),
            "fr": (
                "<p>Lors d’une séance de lecture à la Bibliothèque Belsunce, Fatma Ben Salah et "
                "Amina Chebbi, de passage depuis Tunis, lisent à voix haute des lettres qui ont "
                "traversé la mer entre Marseille et Tunis dans les années 1960 et 1970. Entre deux "
                "lectures, elles évoquent les voisins qui écrivaient pour ceux qui ne savaient pas "
                "le faire, les soucis tus pour ménager des parents inquiets, et la manière dont le "
                "téléphone a peu à peu remplacé la lettre hebdomadaire.</p>"
            ),
            "de": (
                "<p>Bei einer Lesung in der Bibliothèque Belsunce lesen Fatma Ben Salah und Amina "
                "Chebbi, die aus Tunis zu Besuch ist, Briefe vor, die in den 1960er- und "
                "1970er-Jahren zwischen Marseille und Tunis über das Meer gingen. Zwischen den "
                "Lesungen sprechen sie über Nachbarn, die für andere schrieben, die es selbst nicht "
                "konnten, über Sorgen, die man verschwieg, um besorgte Eltern zu schonen, und "
                "darüber, wie das Telefon allmählich den wöchentlichen Brief ablöste.</p>"
            ),
            "ar": (
                "<p>في جلسة قراءة بمكتبة بلسونس، تقرأ فاطمة بن صالح وآمنة الشابي، القادمة في زيارة "
                "من تونس، بصوت عالٍ رسائلَ عبرت البحر بين مرسيليا وتونس في ستينيات القرن العشرين "
                "وسبعينياته. وبين قراءة وأخرى تتحدّثان عن الجيران الذين كانوا يكتبون الرسائل لمن لا "
                "يُحسن الكتابة، وعن الهموم التي كانت تُكتم رفقًا بالآباء القلقين، وعن الهاتف الذي "
                "حلّ شيئًا فشيئًا محلّ الرسالة الأسبوعية.</p>"
            ),
        },
        "narrators": ["fatma-ben-salah", "amina-chebbi"],
        "interviewer": "ali-gharbi",
        "institution": "bib-belsunce",
        "recorded_on": "2023-11-18",
        "place": "belsunce",
        "languages_spoken": "aeb, fr, ar",
        "rights": "InC",
    },
]

# Rights holders and photo credits that are neither an institution nor a person above,
# in every language (the loader localises institution and people names itself).
RIGHTS_HOLDERS = {
    "Family of Fatma Ben Salah": {
        "en": "Family of Fatma Ben Salah",
        "fr": "Famille de Fatma Ben Salah",
        "de": "Familie von Fatma Ben Salah",
        "ar": "عائلة فاطمة بن صالح",
    },
    "Mansouri family": {
        "en": "Mansouri family",
        "fr": "Famille Mansouri",
        "de": "Familie Mansouri",
        "ar": "عائلة المنصوري",
    },
    "Demir and Krüger families": {
        "en": "Demir and Krüger families",
        "fr": "Familles Demir et Krüger",
        "de": "Familien Demir und Krüger",
        "ar": "عائلتا دمير وكروغر",
    },
    "Nachlass Karl Voss": {
        "en": "Estate of Karl Voss",
        "fr": "Succession Karl Voss",
        "de": "Nachlass Karl Voss",
        "ar": "تركة كارل فوس",
    },
    "Samira Haddad": {"en": "Samira Haddad", "fr": "Samira Haddad", "de": "Samira Haddad", "ar": "سميرة حداد"},
    "Photo Studio El Amal": {
        "en": "Photo Studio El Amal",
        "fr": "Studio photo El Amal",
        "de": "Fotostudio El Amal",
        "ar": "استوديو الأمل للتصوير",
    },
    "residents": {"en": "residents", "fr": "habitants", "de": "Anwohner·innen", "ar": "السكان"},
}

# "Photo: Dar el-Medina Museum" → the prefix in each language.
CREDIT_PREFIX = {"en": "Photo: ", "fr": "Photo : ", "de": "Foto: ", "ar": "تصوير: "}
