# ruff: noqa: E501
# (Each translated sentence is kept whole on one line, so that a translator can read it.)
"""An invented water-rights briefing in 33 languages, for end-to-end tests of every language.

The Tamarind Water Rights Network and the Mitoni district do not exist; the text was written
for these tests. Every language has the same publication: ``index`` (title, subtitle, series,
summary, authors, opening text), two short sections and a one-page handout. Each language's
text holds what tends to go wrong in print: a web address, an email address, a hashtag next to
a year, figures with punctuation (1,200 and 3.5 written the language's way) and a footnote.
The right-to-left ones (Arabic, Persian, Hebrew, Urdu) start their second section with an
English sentence; Hebrew has abbreviations written with an ASCII ``"``; Chinese and Japanese
name a committee in English, with an apostrophe ("Women's"). briefing.toml names the
organisation in French, Spanish, Arabic, Hebrew and Chinese (``[organisation.<tag>]``).

``polyglot_files()`` returns the project as a dict of files (relative path -> text), for
``conftest.write_files``. The translations do not record which version of their source they
were made from: run ``briefing mark content/mitoni`` on the written project to mark them
current.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

SOURCE = "en"
#: The languages of the project, the source first.
LANGUAGES = (
    "en", "fr", "es", "ru", "zh-Hans", "ar", "pt", "pt-BR", "de", "it", "nl", "pl", "uk",
    "tr", "sw", "id", "vi", "fil", "el", "hi", "bn", "ur", "ne", "ta", "th", "my", "km", "am",
    "fa", "he", "ja", "ko", "ka",
)  # fmt: skip
RIGHT_TO_LEFT = ("ar", "fa", "he", "ur")
SLUG = "mitoni"
DATE = "2024-03-22"

ORGANISATION = {
    "name": "Tamarind Water Rights Network",
    "website": "https://tamarind.example.org",
    "email": "info@tamarind.example.org",
    "licence": "You may copy and share this paper under CC BY 4.0.",
}
#: Where the full briefing lives (printed on the back page and the handout).
PUBLICATION_URL = "https://tamarind.example.org/mitoni"
#: The web address, email address and hashtag inside every language's text.
SURVEY_ADDRESS = "tamarind.example.org/survey"
SURVEY_EMAIL = "survey@tamarind.example.org"
HASHTAG = "#TapsForMitoni"
#: The year printed next to the hashtag. In the right-to-left languages it comes first in the
#: text, so it prints to the right of the hashtag.
CAMPAIGN_YEAR = "2024"
#: The English sentence at the start of the second section of the right-to-left languages.
ENGLISH_SENTENCE = "Water is a human right."
#: Hebrew abbreviations written with an ASCII double quote (gershayim typed on a keyboard).
HEBREW_ABBREVIATIONS = ('הנ"ל', 'דו"ח')
#: An English name with an apostrophe inside the Chinese and Japanese text.
LATIN_NAME = "Mitoni Women's Water Committee"

_PLACES = {
    "url": f"[{SURVEY_ADDRESS}](https://{SURVEY_ADDRESS})",
    "email": SURVEY_EMAIL,
    "hashtag": HASHTAG,
    "name": LATIN_NAME,
}


@dataclass(frozen=True, slots=True)
class Text:
    """One language's words for the briefing. ``{url}``, ``{email}``, ``{hashtag}`` and
    ``{name}`` stand for the shared address, email, hashtag and English committee name."""

    title: str
    subtitle: str
    series: str
    summary: str
    authors: str
    opening: str
    first_heading: str
    standpipe: str  # the figures, and the footnote call
    survey: str  # the web and email addresses
    campaign: str  # the hashtag and the year
    footnote: str
    second_heading: str
    deadline: str
    queue: str  # a quotation: straight quotes for the tool to set (typed as printed in zh, ja)
    key: tuple[str, str]
    recommendations: tuple[str, str]
    action: str


TEXTS: dict[str, Text] = {
    "en": Text(
        title="Water at every door",
        subtitle="Connecting the last homes of Mitoni to the water network",
        series="Water rights paper",
        summary="In the Mitoni district, 1,200 households still fetch water from public standpipes. The council can connect them by 2025.",
        authors="Tamarind research team",
        opening="Mitoni was built without water pipes. This paper sets out what residents face and what the district council must do.",
        first_heading="Life at the standpipe",
        standpipe="In Mitoni, 1,200 households have no tap at home. A family spends 3.5 hours a day carrying water.[^1]",
        survey="Read the full survey at {url} or write to {email}.",
        campaign="Follow the campaign {hashtag} 2024 online.",
        footnote="Tamarind household survey, March 2024, 412 families.",
        second_heading="Our demands to the council",
        deadline="The council must connect every home to the network by the end of 2025.",
        queue='The Mitoni Women\'s Water Committee calls the daily queue "a second job".',
        key=(
            "In Mitoni, 1,200 households have no tap at home.",
            "Families spend 3.5 hours a day carrying water.",
        ),
        recommendations=(
            "Connect every home to the network by 2025.",
            "Keep the price of water within reach of every family.",
        ),
        action="Join {hashtag} 2024 and write to {email}.",
    ),
    "fr": Text(
        title="De l'eau à chaque porte",
        subtitle="Raccorder au réseau les derniers foyers de Mitoni",
        series="Dossier sur le droit à l'eau",
        summary="Dans le quartier de Mitoni, 1\u00a0200 foyers puisent encore l'eau aux bornes-fontaines publiques. La mairie peut les raccorder d'ici 2025.",
        authors="Équipe de recherche Tamarind",
        opening="Mitoni a été construit sans conduites d'eau. Ce dossier décrit ce que vivent les habitants et ce que la mairie doit faire.",
        first_heading="La vie à la borne-fontaine",
        standpipe="À Mitoni, 1\u00a0200 foyers n'ont pas de robinet à la maison. Une famille passe 3,5 heures par jour à porter de l'eau.[^1]",
        survey="Lisez l'enquête complète sur {url} ou écrivez à {email}.",
        campaign="Suivez la campagne {hashtag} 2024 en ligne.",
        footnote="Enquête Tamarind auprès des ménages, mars 2024, 412 familles.",
        second_heading="Nos demandes à la mairie",
        deadline="La mairie doit raccorder chaque logement au réseau d'ici la fin de 2025.",
        queue="Le Comité des femmes de Mitoni pour l'eau appelle la file d'attente quotidienne \"un second travail\".",
        key=(
            "À Mitoni, 1\u00a0200 foyers n'ont pas de robinet à la maison.",
            "Les familles passent 3,5 heures par jour à porter de l'eau.",
        ),
        recommendations=(
            "Raccorder chaque logement au réseau d'ici 2025.",
            "Maintenir le prix de l'eau à la portée de chaque famille.",
        ),
        action="Rejoignez {hashtag} 2024 et écrivez à {email}.",
    ),
    "es": Text(
        title="Agua en cada puerta",
        subtitle="Conectar a la red los últimos hogares de Mitoni",
        series="Informe sobre el derecho al agua",
        summary="En el distrito de Mitoni, 1.200 hogares aún recogen agua en fuentes públicas. El ayuntamiento puede conectarlos antes de 2025.",
        authors="Equipo de investigación de Tamarind",
        opening="Mitoni se construyó sin tuberías de agua. Este informe explica lo que viven sus habitantes y lo que debe hacer el ayuntamiento.",
        first_heading="La vida junto a la fuente",
        standpipe="En Mitoni, 1.200 hogares no tienen grifo en casa. Una familia dedica 3,5 horas al día a acarrear agua.[^1]",
        survey="Lea la encuesta completa en {url} o escriba a {email}.",
        campaign="Siga la campaña {hashtag} 2024 en internet.",
        footnote="Encuesta de hogares de Tamarind, marzo de 2024, 412 familias.",
        second_heading="Lo que pedimos al ayuntamiento",
        deadline="El ayuntamiento debe conectar cada vivienda a la red antes de que termine 2025.",
        queue='El Comité de Mujeres por el Agua de Mitoni llama a la cola diaria "un segundo trabajo".',
        key=(
            "En Mitoni, 1.200 hogares no tienen grifo en casa.",
            "Las familias dedican 3,5 horas al día a acarrear agua.",
        ),
        recommendations=(
            "Conectar cada vivienda a la red antes de 2025.",
            "Mantener el precio del agua al alcance de todas las familias.",
        ),
        action="Súmese a {hashtag} 2024 y escriba a {email}.",
    ),
    "ru": Text(
        title="Вода у каждой двери",
        subtitle="Как подключить к сети последние дома Митони",
        series="Аналитическая записка о праве на воду",
        summary="В районе Митони 1\u00a0200 домохозяйств до сих пор носят воду из уличных колонок. Городской совет может подключить их до 2025 года.",
        authors="Исследовательская группа Tamarind",
        opening="Митони построили без водопровода. В этой записке описано, с чем сталкиваются жители и что должен сделать городской совет.",
        first_heading="Жизнь у колонки",
        standpipe="В Митони у 1\u00a0200 домохозяйств нет крана дома. Семья тратит 3,5 часа в день на то, чтобы носить воду.[^1]",
        survey="Полное исследование — на {url}; пишите нам на {email}.",
        campaign="Следите за кампанией {hashtag} 2024 в сети.",
        footnote="Опрос домохозяйств Tamarind, март 2024 года, 412 семей.",
        second_heading="Наши требования к городскому совету",
        deadline="Городской совет должен подключить каждое жильё к сети до конца 2025 года.",
        queue='Женский водный комитет Митони называет ежедневную очередь "второй работой".',
        key=(
            "В Митони у 1\u00a0200 домохозяйств нет крана дома.",
            "Семьи тратят 3,5 часа в день на то, чтобы носить воду.",
        ),
        recommendations=(
            "Подключить каждое жильё к сети до 2025 года.",
            "Сохранить цену на воду доступной для каждой семьи.",
        ),
        action="Присоединяйтесь к {hashtag} 2024 и пишите на {email}.",
    ),
    "zh-Hans": Text(
        title="让每家每户都有自来水",
        subtitle="为米托尼最后的住户接通供水管网",
        series="水权简报",
        summary="在米托尼区，仍有 1,200 户家庭从公共取水点挑水。区议会可以在 2025 年前为他们接通自来水。",
        authors="Tamarind 研究组",
        opening="米托尼在建设时没有铺设供水管道。本简报介绍居民的处境以及区议会必须采取的行动。",
        first_heading="公共取水点旁的生活",
        standpipe="在米托尼，1,200 户家庭家中没有水龙头。一个家庭每天要花 3.5 小时挑水。[^1]",
        survey="完整调查见 {url}，也可以写信至 {email}。",
        campaign="请在网上关注 {hashtag} 2024 运动。",
        footnote="Tamarind 住户调查，2024 年 3 月，412 个家庭。",
        second_heading="我们对区议会的要求",
        deadline="区议会必须在 2025 年底前为每户住宅接通供水管网。",
        queue="{name} 把每天的排队称为“第二份工作”。",
        key=("米托尼有 1,200 户家庭家中没有水龙头。", "每个家庭每天要花 3.5 小时挑水。"),
        recommendations=("在 2025 年前为每户住宅接通供水管网。", "让每个家庭都负担得起水费。"),
        action="请加入 {hashtag} 2024，并写信至 {email}。",
    ),
    "ar": Text(
        title="الماء عند كل باب",
        subtitle="ربط آخر منازل ميتوني بشبكة المياه",
        series="موجز حول الحق في الماء",
        summary="في حي ميتوني، لا تزال 1,200 أسرة تجلب الماء من الحنفيات العامة. ويستطيع المجلس البلدي ربطها بالشبكة قبل عام 2025.",
        authors="فريق البحث في Tamarind",
        opening="بُني حي ميتوني من دون أنابيب مياه. يعرض هذا الموجز ما يعيشه السكان وما يجب على المجلس البلدي فعله.",
        first_heading="الحياة عند الحنفية العامة",
        standpipe="في ميتوني، لا توجد حنفية في منازل 1,200 أسرة. وتقضي الأسرة 3.5 ساعات يوميًا في نقل الماء.[^1]",
        survey="اقرأوا المسح كاملًا على {url} أو راسلونا على {email}.",
        campaign="تابعوا حملة عام 2024 {hashtag} على الإنترنت.",
        footnote="مسح Tamarind للأسر، مارس 2024، 412 أسرة.",
        second_heading="مطالبنا من المجلس البلدي",
        deadline="Water is a human right. هذا ما كتبه السكان بالإنجليزية على لافتاتهم. ويجب على المجلس البلدي ربط كل منزل بالشبكة قبل نهاية عام 2025.",
        queue='وتسمي لجنة نساء ميتوني من أجل الماء طابور الانتظار اليومي "عملًا ثانيًا".',
        key=(
            "لا توجد حنفية في منازل 1,200 أسرة في ميتوني.",
            "تقضي الأسر 3.5 ساعات يوميًا في نقل الماء.",
        ),
        recommendations=("ربط كل منزل بالشبكة قبل عام 2025.", "إبقاء سعر الماء في متناول كل أسرة."),
        action="انضموا إلى حملة عام 2024 {hashtag} وراسلونا على {email}.",
    ),
    "pt": Text(
        title="Água em cada porta",
        subtitle="Ligar à rede as últimas casas de Mitoni",
        series="Documento sobre o direito à água",
        summary="No bairro de Mitoni, 1200 agregados familiares ainda vão buscar água a fontanários públicos. A câmara municipal pode ligá-los à rede até 2025.",
        authors="Equipa de investigação Tamarind",
        opening="Mitoni foi construído sem canalização de água. Este documento descreve o que vivem os moradores e o que a câmara municipal tem de fazer.",
        first_heading="A vida junto ao fontanário",
        standpipe="Em Mitoni, 1200 agregados familiares não têm torneira em casa. Uma família gasta 3,5 horas por dia a carregar água.[^1]",
        survey="Leia o inquérito completo em {url} ou escreva para {email}.",
        campaign="Siga a campanha {hashtag} 2024 na internet.",
        footnote="Inquérito Tamarind aos agregados familiares, março de 2024, 412 famílias.",
        second_heading="O que pedimos à câmara municipal",
        deadline="A câmara municipal tem de ligar todas as casas à rede até ao fim de 2025.",
        queue='O Comité de Mulheres pela Água de Mitoni chama à fila diária "um segundo emprego".',
        key=(
            "Em Mitoni, 1200 agregados familiares não têm torneira em casa.",
            "As famílias gastam 3,5 horas por dia a carregar água.",
        ),
        recommendations=(
            "Ligar todas as casas à rede até 2025.",
            "Manter o preço da água ao alcance de todas as famílias.",
        ),
        action="Junte-se a {hashtag} 2024 e escreva para {email}.",
    ),
    "pt-BR": Text(
        title="Água em cada porta",
        subtitle="Conectar à rede as últimas casas de Mitoni",
        series="Boletim sobre o direito à água",
        summary="No bairro de Mitoni, 1.200 famílias ainda buscam água em chafarizes públicos. A prefeitura pode conectá-las até 2025.",
        authors="Equipe de pesquisa Tamarind",
        opening="Mitoni foi construído sem encanamento de água. Este boletim descreve o que os moradores enfrentam e o que a prefeitura precisa fazer.",
        first_heading="A vida no chafariz",
        standpipe="Em Mitoni, 1.200 famílias não têm torneira em casa. Uma família gasta 3,5 horas por dia carregando água.[^1]",
        survey="Leia a pesquisa completa em {url} ou escreva para {email}.",
        campaign="Acompanhe a campanha {hashtag} 2024 na internet.",
        footnote="Pesquisa domiciliar Tamarind, março de 2024, 412 famílias.",
        second_heading="O que pedimos à prefeitura",
        deadline="A prefeitura precisa conectar todas as casas à rede até o fim de 2025.",
        queue='O Comitê de Mulheres pela Água de Mitoni chama a fila diária de "um segundo emprego".',
        key=(
            "Em Mitoni, 1.200 famílias não têm torneira em casa.",
            "As famílias gastam 3,5 horas por dia carregando água.",
        ),
        recommendations=(
            "Conectar todas as casas à rede até 2025.",
            "Manter o preço da água ao alcance de todas as famílias.",
        ),
        action="Participe de {hashtag} 2024 e escreva para {email}.",
    ),
    "de": Text(
        title="Wasser an jeder Tür",
        subtitle="Die letzten Haushalte in Mitoni ans Netz anschließen",
        series="Hintergrundpapier zum Recht auf Wasser",
        summary="Im Stadtteil Mitoni holen 1.200 Haushalte ihr Wasser noch immer an öffentlichen Zapfstellen. Die Stadt kann sie bis 2025 anschließen.",
        authors="Forschungsteam von Tamarind",
        opening="Mitoni wurde ohne Wasserleitungen gebaut. Dieses Papier beschreibt, was die Bewohner erleben und was die Stadtverwaltung tun muss.",
        first_heading="Das Leben an der Zapfstelle",
        standpipe="In Mitoni haben 1.200 Haushalte keinen Wasserhahn in der Wohnung. Eine Familie verbringt täglich 3,5 Stunden damit, Wasser zu tragen.[^1]",
        survey="Die vollständige Umfrage steht unter {url}; Fragen bitte an {email}.",
        campaign="Verfolgen Sie die Kampagne {hashtag} 2024 im Netz.",
        footnote="Haushaltsumfrage von Tamarind, März 2024, 412 Familien.",
        second_heading="Unsere Forderungen an die Stadt",
        deadline="Die Stadt muss bis Ende 2025 jede Wohnung an das Netz anschließen.",
        queue='Das Frauen-Wasserkomitee von Mitoni nennt das tägliche Anstehen "eine zweite Arbeit".',
        key=(
            "In Mitoni haben 1.200 Haushalte keinen Wasserhahn in der Wohnung.",
            "Familien tragen täglich 3,5 Stunden lang Wasser.",
        ),
        recommendations=(
            "Jede Wohnung bis 2025 an das Netz anschließen.",
            "Den Wasserpreis für jede Familie bezahlbar halten.",
        ),
        action="Machen Sie mit bei {hashtag} 2024 und schreiben Sie an {email}.",
    ),
    "it": Text(
        title="Acqua a ogni porta",
        subtitle="Allacciare alla rete le ultime case di Mitoni",
        series="Dossier sul diritto all'acqua",
        summary="Nel quartiere di Mitoni, 1.200 famiglie prendono ancora l'acqua dalle fontanelle pubbliche. Il comune può allacciarle entro il 2025.",
        authors="Gruppo di ricerca Tamarind",
        opening="Mitoni è stato costruito senza tubature dell'acqua. Questo dossier descrive la vita degli abitanti e ciò che il comune deve fare.",
        first_heading="La vita alla fontanella",
        standpipe="A Mitoni, 1.200 famiglie non hanno un rubinetto in casa. Una famiglia passa 3,5 ore al giorno a trasportare acqua.[^1]",
        survey="Leggete l'indagine completa su {url} o scrivete a {email}.",
        campaign="Seguite la campagna {hashtag} 2024 in rete.",
        footnote="Indagine Tamarind sulle famiglie, marzo 2024, 412 famiglie.",
        second_heading="Le nostre richieste al comune",
        deadline="Il comune deve allacciare ogni abitazione alla rete entro la fine del 2025.",
        queue='Il Comitato delle donne di Mitoni per l\'acqua chiama la fila quotidiana "un secondo lavoro".',
        key=(
            "A Mitoni, 1.200 famiglie non hanno un rubinetto in casa.",
            "Le famiglie passano 3,5 ore al giorno a trasportare acqua.",
        ),
        recommendations=(
            "Allacciare ogni abitazione alla rete entro il 2025.",
            "Mantenere il prezzo dell'acqua alla portata di ogni famiglia.",
        ),
        action="Unitevi a {hashtag} 2024 e scrivete a {email}.",
    ),
    "nl": Text(
        title="Water aan elke deur",
        subtitle="De laatste huishoudens van Mitoni aansluiten op het net",
        series="Dossier recht op water",
        summary="In de wijk Mitoni halen 1.200 huishoudens hun water nog steeds bij openbare tappunten. De gemeente kan hen vóór 2025 aansluiten.",
        authors="Onderzoeksteam van Tamarind",
        opening="Mitoni is gebouwd zonder waterleidingen. Dit dossier beschrijft wat de bewoners meemaken en wat de gemeente moet doen.",
        first_heading="Het leven bij het tappunt",
        standpipe="In Mitoni hebben 1.200 huishoudens geen kraan in huis. Een gezin is elke dag 3,5 uur bezig met water dragen.[^1]",
        survey="Lees het volledige onderzoek op {url} of schrijf naar {email}.",
        campaign="Volg de campagne {hashtag} 2024 online.",
        footnote="Huishoudonderzoek van Tamarind, maart 2024, 412 gezinnen.",
        second_heading="Wat wij van de gemeente vragen",
        deadline="De gemeente moet vóór eind 2025 elke woning op het net aansluiten.",
        queue='Het Vrouwenwatercomité van Mitoni noemt de dagelijkse rij "een tweede baan".',
        key=(
            "In Mitoni hebben 1.200 huishoudens geen kraan in huis.",
            "Gezinnen zijn elke dag 3,5 uur bezig met water dragen.",
        ),
        recommendations=(
            "Sluit elke woning vóór 2025 aan op het net.",
            "Houd de waterprijs betaalbaar voor elk gezin.",
        ),
        action="Doe mee met {hashtag} 2024 en schrijf naar {email}.",
    ),
    "pl": Text(
        title="Woda przy każdych drzwiach",
        subtitle="Jak podłączyć do sieci ostatnie domy w Mitoni",
        series="Raport o prawie do wody",
        summary="W dzielnicy Mitoni 1200 gospodarstw domowych wciąż nosi wodę z publicznych zdrojów. Urząd miasta może je podłączyć do 2025 roku.",
        authors="Zespół badawczy Tamarind",
        opening="Mitoni zbudowano bez wodociągu. Ten raport opisuje, z czym mierzą się mieszkańcy i co musi zrobić urząd miasta.",
        first_heading="Życie przy zdroju",
        standpipe="W Mitoni 1200 gospodarstw domowych nie ma kranu w domu. Rodzina spędza 3,5 godziny dziennie na noszeniu wody.[^1]",
        survey="Pełne badanie można przeczytać na {url}; pytania prosimy kierować na adres {email}.",
        campaign="Śledźcie kampanię {hashtag} 2024 w sieci.",
        footnote="Badanie gospodarstw domowych Tamarind, marzec 2024, 412 rodzin.",
        second_heading="Nasze żądania wobec miasta",
        deadline="Miasto musi do końca 2025 roku podłączyć każdy dom do sieci.",
        queue='Komitet Kobiet na rzecz Wody w Mitoni nazywa codzienną kolejkę "drugą pracą".',
        key=(
            "W Mitoni 1200 gospodarstw domowych nie ma kranu w domu.",
            "Rodziny spędzają 3,5 godziny dziennie na noszeniu wody.",
        ),
        recommendations=(
            "Podłączyć każdy dom do sieci do 2025 roku.",
            "Utrzymać cenę wody w zasięgu każdej rodziny.",
        ),
        action="Dołączcie do {hashtag} 2024 i napiszcie na adres {email}.",
    ),
    "uk": Text(
        title="Вода біля кожних дверей",
        subtitle="Як підключити до мережі останні домівки Мітоні",
        series="Аналітична записка про право на воду",
        summary="У районі Мітоні 1\u00a0200 домогосподарств досі носять воду з громадських колонок. Міська рада може підключити їх до 2025 року.",
        authors="Дослідницька група Tamarind",
        opening="Мітоні збудували без водогону. У цій записці описано, з чим стикаються мешканці і що має зробити міська рада.",
        first_heading="Життя біля колонки",
        standpipe="У Мітоні 1\u00a0200 домогосподарств не мають крана вдома. Родина щодня витрачає 3,5 години на те, щоб носити воду.[^1]",
        survey="Повне дослідження — на {url}; пишіть нам на {email}.",
        campaign="Стежте за кампанією {hashtag} 2024 у мережі.",
        footnote="Опитування домогосподарств Tamarind, березень 2024 року, 412 родин.",
        second_heading="Наші вимоги до міської ради",
        deadline="Міська рада має підключити кожне житло до мережі до кінця 2025 року.",
        queue='Жіночий водний комітет Мітоні називає щоденну чергу "другою роботою".',
        key=(
            "У Мітоні 1\u00a0200 домогосподарств не мають крана вдома.",
            "Родини щодня витрачають 3,5 години на те, щоб носити воду.",
        ),
        recommendations=(
            "Підключити кожне житло до мережі до 2025 року.",
            "Зберегти ціну на воду доступною для кожної родини.",
        ),
        action="Долучайтеся до {hashtag} 2024 і пишіть на {email}.",
    ),
    "tr": Text(
        title="Her kapıya su",
        subtitle="Mitoni'deki son evleri şebekeye bağlamak",
        series="Su hakkı bilgi notu",
        summary="Mitoni semtinde 1.200 hane suyu hâlâ kamu çeşmelerinden taşıyor. Belediye bu haneleri 2025'e kadar şebekeye bağlayabilir.",
        authors="Tamarind araştırma ekibi",
        opening="Mitoni su boruları olmadan inşa edildi. Bu not, mahalle sakinlerinin yaşadıklarını ve belediyenin yapması gerekenleri anlatıyor.",
        first_heading="Çeşme başında yaşam",
        standpipe="Mitoni'de 1.200 hanenin evinde musluk yok. Bir aile her gün 3,5 saatini su taşımaya harcıyor.[^1]",
        survey="Araştırmanın tamamını {url} adresinde okuyabilir, sorularınızı {email} adresine yazabilirsiniz.",
        campaign="İnternette {hashtag} 2024 kampanyasını takip edin.",
        footnote="Tamarind hane araştırması, Mart 2024, 412 aile.",
        second_heading="Belediyeden taleplerimiz",
        deadline="Belediye 2025 sonuna kadar her konutu şebekeye bağlamalıdır.",
        queue='Mitoni Kadın Su Komitesi, çeşme başındaki günlük kuyruğa "ikinci bir iş" diyor.',
        key=(
            "Mitoni'de 1.200 hanenin evinde musluk yok.",
            "Aileler her gün 3,5 saatini su taşımaya harcıyor.",
        ),
        recommendations=(
            "Her konutu 2025'e kadar şebekeye bağlayın.",
            "Suyun fiyatını her ailenin karşılayabileceği düzeyde tutun.",
        ),
        action="Siz de katılın: {hashtag} 2024; bize {email} adresinden yazın.",
    ),
    "sw": Text(
        title="Maji kila mlangoni",
        subtitle="Kuunganisha kaya za mwisho za Mitoni na mtandao wa maji",
        series="Taarifa kuhusu haki ya maji",
        summary="Katika wilaya ya Mitoni, kaya 1,200 bado huchota maji kwenye mabomba ya umma. Halmashauri inaweza kuziunganisha kufikia 2025.",
        authors="Timu ya utafiti ya Tamarind",
        opening="Mitoni ilijengwa bila mabomba ya maji. Taarifa hii inaeleza hali ya wakazi na kile ambacho halmashauri ya wilaya inapaswa kufanya.",
        first_heading="Maisha kwenye bomba la umma",
        standpipe="Mjini Mitoni, kaya 1,200 hazina bomba nyumbani. Familia moja hutumia saa 3.5 kwa siku kubeba maji.[^1]",
        survey="Soma utafiti kamili kwenye {url} au tuandikie kupitia {email}.",
        campaign="Fuatilia kampeni ya {hashtag} 2024 mtandaoni.",
        footnote="Utafiti wa kaya wa Tamarind, Machi 2024, familia 412.",
        second_heading="Madai yetu kwa halmashauri",
        deadline="Halmashauri lazima iunganishe kila nyumba na mtandao wa maji kabla ya mwisho wa 2025.",
        queue='Kamati ya Wanawake ya Maji ya Mitoni inaita foleni ya kila siku "kazi ya pili".',
        key=(
            "Kaya 1,200 za Mitoni hazina bomba nyumbani.",
            "Familia hutumia saa 3.5 kwa siku kubeba maji.",
        ),
        recommendations=(
            "Unganisha kila nyumba na mtandao wa maji kufikia 2025.",
            "Weka bei ya maji iwe nafuu kwa kila familia.",
        ),
        action="Jiunge na {hashtag} 2024 na utuandikie kupitia {email}.",
    ),
    "id": Text(
        title="Air di setiap pintu",
        subtitle="Menyambungkan rumah-rumah terakhir di Mitoni ke jaringan air",
        series="Kajian hak atas air",
        summary="Di distrik Mitoni, 1.200 rumah tangga masih mengambil air dari keran umum. Pemerintah kota dapat menyambungkan mereka sebelum 2025.",
        authors="Tim riset Tamarind",
        opening="Mitoni dibangun tanpa pipa air. Kajian ini menjelaskan apa yang dialami warga dan apa yang harus dilakukan pemerintah kota.",
        first_heading="Hidup di keran umum",
        standpipe="Di Mitoni, 1.200 rumah tangga tidak memiliki keran di rumah. Satu keluarga menghabiskan 3,5 jam sehari untuk mengangkut air.[^1]",
        survey="Baca survei lengkapnya di {url} atau kirim surel ke {email}.",
        campaign="Ikuti kampanye {hashtag} 2024 di internet.",
        footnote="Survei rumah tangga Tamarind, Maret 2024, 412 keluarga.",
        second_heading="Tuntutan kami kepada pemerintah kota",
        deadline="Pemerintah kota harus menyambungkan setiap rumah ke jaringan air sebelum akhir 2025.",
        queue='Komite Perempuan untuk Air Mitoni menyebut antrean setiap hari "pekerjaan kedua".',
        key=(
            "Di Mitoni, 1.200 rumah tangga tidak memiliki keran di rumah.",
            "Keluarga menghabiskan 3,5 jam sehari untuk mengangkut air.",
        ),
        recommendations=(
            "Sambungkan setiap rumah ke jaringan air sebelum 2025.",
            "Jaga harga air tetap terjangkau bagi setiap keluarga.",
        ),
        action="Ikuti {hashtag} 2024 dan kirim surel ke {email}.",
    ),
    "vi": Text(
        title="Nước đến từng cửa nhà",
        subtitle="Nối mạng nước cho những hộ cuối cùng ở Mitoni",
        series="Báo cáo về quyền được sử dụng nước",
        summary="Tại quận Mitoni, 1.200 hộ gia đình vẫn phải lấy nước từ vòi công cộng. Chính quyền quận có thể nối nước cho họ trước năm 2025.",
        authors="Nhóm nghiên cứu Tamarind",
        opening="Mitoni được xây dựng mà không có đường ống nước. Báo cáo này trình bày khó khăn của người dân và những việc chính quyền quận phải làm.",
        first_heading="Cuộc sống bên vòi nước công cộng",
        standpipe="Ở Mitoni, 1.200 hộ gia đình không có vòi nước trong nhà. Mỗi gia đình mất 3,5 giờ mỗi ngày để gánh nước.[^1]",
        survey="Xem toàn bộ khảo sát tại {url} hoặc viết thư cho chúng tôi qua {email}.",
        campaign="Hãy theo dõi chiến dịch {hashtag} 2024 trên mạng.",
        footnote="Khảo sát hộ gia đình của Tamarind, tháng 3 năm 2024, 412 gia đình.",
        second_heading="Yêu cầu của chúng tôi đối với chính quyền quận",
        deadline="Chính quyền quận phải nối nước cho mọi ngôi nhà trước cuối năm 2025.",
        queue='Ủy ban Phụ nữ vì Nước của Mitoni gọi việc xếp hàng mỗi ngày là "công việc thứ hai".',
        key=(
            "Ở Mitoni, 1.200 hộ gia đình không có vòi nước trong nhà.",
            "Các gia đình mất 3,5 giờ mỗi ngày để gánh nước.",
        ),
        recommendations=(
            "Nối nước cho mọi ngôi nhà trước năm 2025.",
            "Giữ giá nước trong khả năng chi trả của mọi gia đình.",
        ),
        action="Hãy tham gia {hashtag} 2024 và viết thư cho chúng tôi qua {email}.",
    ),
    "fil": Text(
        title="Tubig sa bawat pintuan",
        subtitle="Pagkabit sa linya ng tubig ng mga huling tahanan sa Mitoni",
        series="Ulat tungkol sa karapatan sa tubig",
        summary="Sa distrito ng Mitoni, 1,200 na sambahayan ang umiigib pa rin ng tubig sa mga pampublikong gripo. Kaya silang ikabit ng konseho bago matapos ang 2025.",
        authors="Pangkat ng pananaliksik ng Tamarind",
        opening="Itinayo ang Mitoni nang walang tubo ng tubig. Inilalahad ng ulat na ito ang kalagayan ng mga residente at ang dapat gawin ng konseho ng distrito.",
        first_heading="Buhay sa pampublikong gripo",
        standpipe="Sa Mitoni, 1,200 na sambahayan ang walang gripo sa bahay. Gumugugol ang isang pamilya ng 3.5 oras bawat araw sa pag-igib ng tubig.[^1]",
        survey="Basahin ang buong sarbey sa {url} o sumulat sa {email}.",
        campaign="Subaybayan ang kampanyang {hashtag} 2024 sa internet.",
        footnote="Sarbey ng Tamarind sa mga sambahayan, Marso 2024, 412 pamilya.",
        second_heading="Ang aming mga hinihingi sa konseho",
        deadline="Dapat ikabit ng konseho ang bawat bahay sa linya ng tubig bago matapos ang 2025.",
        queue='Tinatawag ng Komite ng Kababaihan para sa Tubig ng Mitoni ang araw-araw na pila na "ikalawang trabaho".',
        key=(
            "Sa Mitoni, 1,200 na sambahayan ang walang gripo sa bahay.",
            "Gumugugol ang mga pamilya ng 3.5 oras bawat araw sa pag-igib.",
        ),
        recommendations=(
            "Ikabit ang bawat bahay sa linya ng tubig bago ang 2025.",
            "Panatilihing abot-kaya ng bawat pamilya ang presyo ng tubig.",
        ),
        action="Sumali sa {hashtag} 2024 at sumulat sa {email}.",
    ),
    "el": Text(
        title="Νερό σε κάθε πόρτα",
        subtitle="Η σύνδεση των τελευταίων νοικοκυριών του Μιτόνι με το δίκτυο",
        series="Ενημερωτικό σημείωμα για το δικαίωμα στο νερό",
        summary="Στη συνοικία Μιτόνι, 1.200 νοικοκυριά παίρνουν ακόμη νερό από δημόσιες βρύσες. Ο δήμος μπορεί να τα συνδέσει έως το 2025.",
        authors="Ερευνητική ομάδα Tamarind",
        opening="Το Μιτόνι χτίστηκε χωρίς σωλήνες ύδρευσης. Αυτό το σημείωμα περιγράφει τι ζουν οι κάτοικοι και τι πρέπει να κάνει ο δήμος.",
        first_heading="Η ζωή στη δημόσια βρύση",
        standpipe="Στο Μιτόνι, 1.200 νοικοκυριά δεν έχουν βρύση στο σπίτι. Μια οικογένεια περνά 3,5 ώρες την ημέρα κουβαλώντας νερό.[^1]",
        survey="Διαβάστε ολόκληρη την έρευνα στο {url} ή γράψτε μας στο {email}.",
        campaign="Ακολουθήστε την εκστρατεία {hashtag} 2024 στο διαδίκτυο.",
        footnote="Έρευνα νοικοκυριών της Tamarind, Μάρτιος 2024, 412 οικογένειες.",
        second_heading="Τα αιτήματά μας προς τον δήμο",
        deadline="Ο δήμος πρέπει να συνδέσει κάθε σπίτι με το δίκτυο έως το τέλος του 2025.",
        queue='Η Επιτροπή Γυναικών για το Νερό του Μιτόνι αποκαλεί την καθημερινή ουρά "δεύτερη δουλειά".',
        key=(
            "Στο Μιτόνι, 1.200 νοικοκυριά δεν έχουν βρύση στο σπίτι.",
            "Οι οικογένειες περνούν 3,5 ώρες την ημέρα κουβαλώντας νερό.",
        ),
        recommendations=(
            "Σύνδεση κάθε σπιτιού με το δίκτυο έως το 2025.",
            "Τιμή νερού προσιτή για κάθε οικογένεια.",
        ),
        action="Συμμετάσχετε στο {hashtag} 2024 και γράψτε μας στο {email}.",
    ),
    "hi": Text(
        title="हर दरवाज़े पर पानी",
        subtitle="मितोनी के आख़िरी घरों को जल आपूर्ति से जोड़ना",
        series="जल अधिकार पर संक्षिप्त रिपोर्ट",
        summary="मितोनी ज़िले में 1,200 परिवार अब भी सार्वजनिक नलों से पानी भरते हैं। नगर परिषद 2025 तक उन्हें जल आपूर्ति से जोड़ सकती है।",
        authors="Tamarind शोध दल",
        opening="मितोनी को पानी की पाइपलाइन के बिना बसाया गया था। यह रिपोर्ट बताती है कि निवासी किन मुश्किलों का सामना करते हैं और नगर परिषद को क्या करना चाहिए।",
        first_heading="सार्वजनिक नल पर ज़िंदगी",
        standpipe="मितोनी में 1,200 परिवारों के घर में नल नहीं है। एक परिवार हर दिन 3.5 घंटे पानी ढोने में लगाता है।[^1]",
        survey="पूरा सर्वेक्षण {url} पर पढ़ें या हमें {email} पर लिखें।",
        campaign="इंटरनेट पर {hashtag} 2024 अभियान से जुड़े रहें।",
        footnote="Tamarind घरेलू सर्वेक्षण, मार्च 2024, 412 परिवार।",
        second_heading="नगर परिषद से हमारी माँगें",
        deadline="नगर परिषद को 2025 के अंत तक हर घर को जल आपूर्ति से जोड़ना होगा।",
        queue='मितोनी की महिला जल समिति रोज़ की कतार को "दूसरी नौकरी" कहती है।',
        key=(
            "मितोनी में 1,200 परिवारों के घर में नल नहीं है।",
            "परिवार हर दिन 3.5 घंटे पानी ढोने में लगाते हैं।",
        ),
        recommendations=(
            "2025 तक हर घर को जल आपूर्ति से जोड़ा जाए।",
            "पानी की कीमत हर परिवार की पहुँच में रखी जाए।",
        ),
        action="अभियान {hashtag} 2024 से जुड़ें और हमें {email} पर लिखें।",
    ),
    "bn": Text(
        title="প্রতিটি দরজায় পানি",
        subtitle="মিতোনির শেষ বাড়িগুলোকে পানির লাইনে যুক্ত করা",
        series="পানির অধিকার বিষয়ে সংক্ষিপ্ত প্রতিবেদন",
        summary="মিতোনি এলাকায় এখনও 1,200টি পরিবার সরকারি কল থেকে পানি আনে। পৌরসভা 2025 সালের মধ্যে তাদের পানির লাইনে যুক্ত করতে পারে।",
        authors="Tamarind গবেষণা দল",
        opening="মিতোনি তৈরি হয়েছিল পানির পাইপ ছাড়াই। এই প্রতিবেদনে বাসিন্দাদের দুর্ভোগ এবং পৌরসভার করণীয় তুলে ধরা হয়েছে।",
        first_heading="সরকারি কলের পাশে জীবন",
        standpipe="মিতোনিতে 1,200টি পরিবারের ঘরে কোনো কল নেই। একটি পরিবার প্রতিদিন 3.5 ঘণ্টা পানি বয়ে আনতে ব্যয় করে।[^1]",
        survey="পুরো জরিপটি {url} ঠিকানায় পড়ুন অথবা {email} ঠিকানায় আমাদের লিখুন।",
        campaign="অনলাইনে {hashtag} 2024 প্রচারণা অনুসরণ করুন।",
        footnote="Tamarind পারিবারিক জরিপ, মার্চ 2024, 412টি পরিবার।",
        second_heading="পৌরসভার কাছে আমাদের দাবি",
        deadline="পৌরসভাকে 2025 সালের শেষের মধ্যে প্রতিটি বাড়ি পানির লাইনে যুক্ত করতে হবে।",
        queue='মিতোনির নারী পানি কমিটি প্রতিদিনের লাইনকে "দ্বিতীয় চাকরি" বলে।',
        key=(
            "মিতোনিতে 1,200টি পরিবারের ঘরে কোনো কল নেই।",
            "পরিবারগুলো প্রতিদিন 3.5 ঘণ্টা পানি বয়ে আনতে ব্যয় করে।",
        ),
        recommendations=(
            "2025 সালের মধ্যে প্রতিটি বাড়ি পানির লাইনে যুক্ত করা।",
            "পানির দাম প্রতিটি পরিবারের সাধ্যের মধ্যে রাখা।",
        ),
        action="প্রচারণা {hashtag} 2024-এ যোগ দিন এবং {email} ঠিকানায় আমাদের লিখুন।",
    ),
    "ur": Text(
        title="ہر دروازے پر پانی",
        subtitle="میتونی کے آخری گھروں کو پانی کے نظام سے جوڑنا",
        series="پانی کے حق پر مختصر رپورٹ",
        summary="میتونی کے علاقے میں اب بھی 1,200 گھرانے عوامی نلکوں سے پانی بھرتے ہیں۔ ضلعی کونسل 2025 تک انہیں پانی کے نظام سے جوڑ سکتی ہے۔",
        authors="Tamarind کی تحقیقی ٹیم",
        opening="میتونی پانی کے پائپوں کے بغیر بنایا گیا تھا۔ یہ رپورٹ بتاتی ہے کہ رہائشیوں کو کن مشکلات کا سامنا ہے اور ضلعی کونسل کو کیا کرنا چاہیے۔",
        first_heading="عوامی نلکے پر زندگی",
        standpipe="میتونی میں 1,200 گھرانوں کے گھر میں نلکا نہیں ہے۔ ایک خاندان روزانہ 3.5 گھنٹے پانی ڈھونے میں صرف کرتا ہے۔[^1]",
        survey="مکمل سروے {url} پر پڑھیں یا ہمیں {email} پر لکھیں۔",
        campaign="انٹرنیٹ پر مہم 2024 {hashtag} کو فالو کریں۔",
        footnote="Tamarind کا گھریلو سروے، مارچ 2024، 412 خاندان۔",
        second_heading="ضلعی کونسل سے ہمارے مطالبات",
        deadline="Water is a human right. رہائشیوں نے یہ جملہ انگریزی میں اپنے بینروں پر لکھا۔ ضلعی کونسل کو 2025 کے آخر تک ہر گھر کو پانی کے نظام سے جوڑنا چاہیے۔",
        queue='میتونی کی خواتین کی واٹر کمیٹی روزانہ کی قطار کو "دوسری نوکری" کہتی ہے۔',
        key=(
            "میتونی میں 1,200 گھرانوں کے گھر میں نلکا نہیں ہے۔",
            "خاندان روزانہ 3.5 گھنٹے پانی ڈھونے میں صرف کرتے ہیں۔",
        ),
        recommendations=(
            "2025 تک ہر گھر کو پانی کے نظام سے جوڑا جائے۔",
            "پانی کی قیمت ہر خاندان کی پہنچ میں رکھی جائے۔",
        ),
        action="مہم 2024 {hashtag} میں شامل ہوں اور ہمیں {email} پر لکھیں۔",
    ),
    "ne": Text(
        title="हरेक ढोकामा पानी",
        subtitle="मितोनीका बाँकी घरहरूलाई खानेपानी प्रणालीसँग जोड्ने",
        series="पानीको अधिकारसम्बन्धी संक्षिप्त प्रतिवेदन",
        summary="मितोनी क्षेत्रमा अझै 1,200 घरपरिवारले सार्वजनिक धाराबाट पानी बोक्छन्। नगरपालिकाले 2025 सम्म उनीहरूलाई खानेपानी प्रणालीसँग जोड्न सक्छ।",
        authors="Tamarind अनुसन्धान टोली",
        opening="मितोनी पानीका पाइपबिना बनाइएको थियो। यस प्रतिवेदनले बासिन्दाहरूले भोगेका समस्या र नगरपालिकाले गर्नुपर्ने काम बताउँछ।",
        first_heading="सार्वजनिक धारामा जीवन",
        standpipe="मितोनीमा 1,200 घरपरिवारको घरमा धारा छैन। एउटा परिवारले दिनमा 3.5 घण्टा पानी बोक्न खर्च गर्छ।[^1]",
        survey="पूरा सर्वेक्षण {url} मा पढ्नुहोस् वा हामीलाई {email} मा लेख्नुहोस्।",
        campaign="इन्टरनेटमा {hashtag} 2024 अभियान पछ्याउनुहोस्।",
        footnote="Tamarind घरपरिवार सर्वेक्षण, मार्च 2024, 412 परिवार।",
        second_heading="नगरपालिकासँग हाम्रा माग",
        deadline="नगरपालिकाले 2025 को अन्त्यसम्म हरेक घरलाई खानेपानी प्रणालीसँग जोड्नुपर्छ।",
        queue='मितोनीको महिला जल समितिले दैनिक लाइनलाई "दोस्रो जागिर" भन्छ।',
        key=(
            "मितोनीमा 1,200 घरपरिवारको घरमा धारा छैन।",
            "परिवारहरूले दिनमा 3.5 घण्टा पानी बोक्न खर्च गर्छन्।",
        ),
        recommendations=(
            "2025 सम्म हरेक घरलाई खानेपानी प्रणालीसँग जोड्ने।",
            "पानीको मूल्य हरेक परिवारको पहुँचभित्र राख्ने।",
        ),
        action="अभियान {hashtag} 2024 मा सहभागी हुनुहोस् र हामीलाई {email} मा लेख्नुहोस्।",
    ),
    "ta": Text(
        title="ஒவ்வொரு வாசலிலும் தண்ணீர்",
        subtitle="மிதோனியின் கடைசி வீடுகளைக் குடிநீர் இணைப்புடன் இணைத்தல்",
        series="தண்ணீர் உரிமை பற்றிய சுருக்க அறிக்கை",
        summary="மிதோனிப் பகுதியில் இன்னும் 1,200 குடும்பங்கள் பொதுக் குழாய்களிலிருந்து தண்ணீர் சுமந்து வருகின்றன. நகராட்சி 2025-க்குள் அவர்களுக்கு இணைப்பு வழங்க முடியும்.",
        authors="Tamarind ஆய்வுக் குழு",
        opening="மிதோனி குடிநீர்க் குழாய்கள் இல்லாமல் கட்டப்பட்டது. குடியிருப்பாளர்களின் நிலையையும் நகராட்சி செய்ய வேண்டியவற்றையும் இந்த அறிக்கை விளக்குகிறது.",
        first_heading="பொதுக் குழாயருகே வாழ்க்கை",
        standpipe="மிதோனியில் 1,200 குடும்பங்களின் வீடுகளில் குழாய் இல்லை. ஒரு குடும்பம் நாள்தோறும் 3.5 மணி நேரம் தண்ணீர் சுமக்கச் செலவிடுகிறது.[^1]",
        survey="முழு ஆய்வையும் {url} இல் படிக்கலாம்; எங்களுக்கு {email} என்ற முகவரிக்கு எழுதுங்கள்.",
        campaign="இணையத்தில் {hashtag} 2024 இயக்கத்தைப் பின்தொடருங்கள்.",
        footnote="Tamarind குடும்பக் கணக்கெடுப்பு, மார்ச் 2024, 412 குடும்பங்கள்.",
        second_heading="நகராட்சியிடம் எங்கள் கோரிக்கைகள்",
        deadline="2025 இறுதிக்குள் ஒவ்வொரு வீட்டுக்கும் நகராட்சி குடிநீர் இணைப்பு வழங்க வேண்டும்.",
        queue='மிதோனி பெண்கள் தண்ணீர்க் குழு தினசரி வரிசையை "இரண்டாவது வேலை" என்று அழைக்கிறது.',
        key=(
            "மிதோனியில் 1,200 குடும்பங்களின் வீடுகளில் குழாய் இல்லை.",
            "குடும்பங்கள் நாள்தோறும் 3.5 மணி நேரம் தண்ணீர் சுமக்கச் செலவிடுகின்றன.",
        ),
        recommendations=(
            "2025-க்குள் ஒவ்வொரு வீட்டுக்கும் குடிநீர் இணைப்பு வழங்குதல்.",
            "தண்ணீர் விலையை ஒவ்வொரு குடும்பமும் செலுத்தக்கூடிய அளவில் வைத்திருத்தல்.",
        ),
        action="இயக்கம் {hashtag} 2024 இல் இணைந்து {email} என்ற முகவரிக்கு எழுதுங்கள்.",
    ),
    "th": Text(
        title="น้ำประปาถึงทุกบ้าน",
        subtitle="การต่อท่อประปาให้บ้านหลังสุดท้ายในมิโทนี",
        series="เอกสารสรุปเรื่องสิทธิในน้ำ",
        summary="ในเขตมิโทนี ยังมี 1,200 ครัวเรือนที่ต้องตักน้ำจากก๊อกสาธารณะ เทศบาลสามารถต่อน้ำประปาให้ได้ภายในปี 2025",
        authors="ทีมวิจัย Tamarind",
        opening="มิโทนีถูกสร้างขึ้นโดยไม่มีท่อน้ำ เอกสารนี้อธิบายความยากลำบากของชาวบ้านและสิ่งที่เทศบาลต้องทำ",
        first_heading="ชีวิตที่ก๊อกน้ำสาธารณะ",
        standpipe="ในมิโทนี มี 1,200 ครัวเรือนที่ไม่มีก๊อกน้ำในบ้าน แต่ละครอบครัวใช้เวลาวันละ 3.5 ชั่วโมงในการขนน้ำ[^1]",
        survey="อ่านผลสำรวจฉบับเต็มได้ที่ {url} หรือเขียนถึงเราที่ {email}",
        campaign="ติดตามแคมเปญ {hashtag} 2024 ทางออนไลน์",
        footnote="การสำรวจครัวเรือนของ Tamarind เดือนมีนาคม 2024 จำนวน 412 ครอบครัว",
        second_heading="ข้อเรียกร้องของเราต่อเทศบาล",
        deadline="เทศบาลต้องต่อน้ำประปาให้ทุกบ้านภายในสิ้นปี 2025",
        queue='คณะกรรมการสตรีเพื่อน้ำแห่งมิโทนีเรียกการต่อแถวทุกวันว่า "งานที่สอง"',
        key=(
            "ในมิโทนี มี 1,200 ครัวเรือนที่ไม่มีก๊อกน้ำในบ้าน",
            "แต่ละครอบครัวใช้เวลาวันละ 3.5 ชั่วโมงในการขนน้ำ",
        ),
        recommendations=("ต่อน้ำประปาให้ทุกบ้านภายในปี 2025", "รักษาราคาน้ำให้ทุกครอบครัวจ่ายได้"),
        action="ร่วมแคมเปญ {hashtag} 2024 และเขียนถึงเราที่ {email}",
    ),
    "my": Text(
        title="အိမ်တိုင်းသို့ ရေ",
        subtitle="မီတိုနီရှိ နောက်ဆုံးအိမ်များကို ရေပိုက်လိုင်းနှင့် ချိတ်ဆက်ခြင်း",
        series="ရေရပိုင်ခွင့်ဆိုင်ရာ အကျဉ်းချုပ်",
        summary="မီတိုနီရပ်ကွက်တွင် အိမ်ထောင်စု 1,200 သည် အများသုံးရေပိုက်ခေါင်းများမှ ရေကို ယခုထိ သယ်နေရဆဲဖြစ်သည်။ မြို့နယ်ကောင်စီသည် 2025 ခုနှစ်မတိုင်မီ ၎င်းတို့ကို ရေပိုက်လိုင်းနှင့် ချိတ်ဆက်ပေးနိုင်သည်။",
        authors="Tamarind သုတေသနအဖွဲ့",
        opening="မီတိုနီကို ရေပိုက်များမပါဘဲ တည်ဆောက်ခဲ့သည်။ ဤအကျဉ်းချုပ်တွင် နေထိုင်သူများ ကြုံတွေ့နေရသည့် အခက်အခဲများနှင့် မြို့နယ်ကောင်စီ လုပ်ဆောင်ရမည့်အရာများကို ဖော်ပြထားသည်။",
        first_heading="အများသုံးရေပိုက်ခေါင်းနားရှိ ဘဝ",
        standpipe="မီတိုနီတွင် အိမ်ထောင်စု 1,200 ၏ အိမ်များ၌ ရေပိုက်ခေါင်း မရှိပါ။ မိသားစုတစ်စုသည် ရေသယ်ရန် တစ်နေ့လျှင် 3.5 နာရီ အချိန်ပေးရသည်။[^1]",
        survey="စစ်တမ်းအပြည့်အစုံကို {url} တွင် ဖတ်ရှုနိုင်ပြီး {email} သို့ စာရေးနိုင်ပါသည်။",
        campaign="အွန်လိုင်းတွင် {hashtag} 2024 လှုပ်ရှားမှုကို စောင့်ကြည့်ပါ။",
        footnote="Tamarind အိမ်ထောင်စုစစ်တမ်း၊ 2024 မတ်လ၊ မိသားစု 412 စု။",
        second_heading="မြို့နယ်ကောင်စီထံ ကျွန်ုပ်တို့၏ တောင်းဆိုချက်များ",
        deadline="မြို့နယ်ကောင်စီသည် 2025 ခုနှစ်ကုန်မတိုင်မီ အိမ်တိုင်းကို ရေပိုက်လိုင်းနှင့် ချိတ်ဆက်ပေးရမည်။",
        queue='မီတိုနီ အမျိုးသမီးရေကော်မတီက နေ့စဉ်တန်းစီရခြင်းကို "ဒုတိယအလုပ်" ဟု ခေါ်သည်။',
        key=(
            "မီတိုနီတွင် အိမ်ထောင်စု 1,200 ၏ အိမ်များ၌ ရေပိုက်ခေါင်း မရှိပါ။",
            "မိသားစုများသည် ရေသယ်ရန် တစ်နေ့လျှင် 3.5 နာရီ အချိန်ပေးရသည်။",
        ),
        recommendations=(
            "2025 ခုနှစ်မတိုင်မီ အိမ်တိုင်းကို ရေပိုက်လိုင်းနှင့် ချိတ်ဆက်ပေးရန်။",
            "ရေဈေးနှုန်းကို မိသားစုတိုင်း တတ်နိုင်သည့်အဆင့်တွင် ထားရှိရန်။",
        ),
        action="လှုပ်ရှားမှု {hashtag} 2024 တွင် ပါဝင်ပြီး {email} သို့ စာရေးပါ။",
    ),
    "km": Text(
        title="ទឹកដល់គ្រប់ផ្ទះ",
        subtitle="ការតភ្ជាប់ផ្ទះចុងក្រោយនៅមីតូនីទៅនឹងបណ្ដាញទឹកស្អាត",
        series="សេចក្ដីសង្ខេបអំពីសិទ្ធិទទួលបានទឹក",
        summary="នៅសង្កាត់មីតូនី គ្រួសារចំនួន 1,200 នៅតែដងទឹកពីម៉ាស៊ីនទឹកសាធារណៈ។ សាលាក្រុងអាចតភ្ជាប់ទឹកជូនពួកគេមុនឆ្នាំ 2025។",
        authors="ក្រុមស្រាវជ្រាវ Tamarind",
        opening="មីតូនីត្រូវបានសាងសង់ដោយគ្មានបំពង់ទឹក។ សេចក្ដីសង្ខេបនេះពិពណ៌នាអំពីការលំបាករបស់អ្នករស់នៅ និងអ្វីដែលសាលាក្រុងត្រូវធ្វើ។",
        first_heading="ជីវិតនៅក្បែរម៉ាស៊ីនទឹកសាធារណៈ",
        standpipe="នៅមីតូនី គ្រួសារចំនួន 1,200 គ្មានក្បាលម៉ាស៊ីនទឹកនៅផ្ទះទេ។ គ្រួសារមួយចំណាយពេល 3.5 ម៉ោងក្នុងមួយថ្ងៃដើម្បីលីទឹក។[^1]",
        survey="សូមអានការស្ទង់មតិពេញលេញនៅ {url} ឬសរសេរមកយើងតាម {email}។",
        campaign="សូមតាមដានយុទ្ធនាការ {hashtag} 2024 តាមអ៊ីនធឺណិត។",
        footnote="ការស្ទង់មតិគ្រួសាររបស់ Tamarind ខែមីនា 2024 គ្រួសារចំនួន 412។",
        second_heading="ការទាមទាររបស់យើងចំពោះសាលាក្រុង",
        deadline="សាលាក្រុងត្រូវតភ្ជាប់ទឹកជូនគ្រប់ផ្ទះមុនចុងឆ្នាំ 2025។",
        queue='គណៈកម្មាធិការស្ត្រីដើម្បីទឹកនៃមីតូនីហៅការតម្រង់ជួរប្រចាំថ្ងៃថា "ការងារទីពីរ"។',
        key=(
            "នៅមីតូនី គ្រួសារចំនួន 1,200 គ្មានក្បាលម៉ាស៊ីនទឹកនៅផ្ទះទេ។",
            "គ្រួសារនីមួយៗចំណាយពេល 3.5 ម៉ោងក្នុងមួយថ្ងៃដើម្បីលីទឹក។",
        ),
        recommendations=(
            "តភ្ជាប់ទឹកជូនគ្រប់ផ្ទះមុនឆ្នាំ 2025។",
            "រក្សាតម្លៃទឹកឱ្យគ្រប់គ្រួសារអាចមានលទ្ធភាពបង់បាន។",
        ),
        action="សូមចូលរួមយុទ្ធនាការ {hashtag} 2024 ហើយសរសេរមកយើងតាម {email}។",
    ),
    "am": Text(
        title="ውሃ ለሁሉም ቤት",
        subtitle="የሚቶኒን የመጨረሻ ቤቶች ከውሃ መስመር ጋር ማገናኘት",
        series="ስለ ውሃ መብት አጭር መግለጫ",
        summary="በሚቶኒ ወረዳ 1,200 አባወራዎች አሁንም ውሃ ከሕዝብ ቧንቧዎች ይቀዳሉ። የከተማው ምክር ቤት እስከ 2025 ድረስ ሊያገናኛቸው ይችላል።",
        authors="Tamarind የምርምር ቡድን",
        opening="ሚቶኒ የተገነባው ያለ ውሃ ቧንቧ ነው። ይህ መግለጫ ነዋሪዎች የሚያጋጥማቸውን ችግር እና የከተማው ምክር ቤት ማድረግ ያለበትን ያብራራል።",
        first_heading="በሕዝብ ቧንቧ አጠገብ ያለ ሕይወት",
        standpipe="በሚቶኒ 1,200 አባወራዎች በቤታቸው ቧንቧ የላቸውም። አንድ ቤተሰብ በቀን 3.5 ሰዓት ውሃ በመሸከም ያሳልፋል።[^1]",
        survey="ሙሉውን ጥናት {url} ላይ ያንብቡ ወይም ወደ {email} ይጻፉልን።",
        campaign="ዘመቻውን {hashtag} 2024 በኢንተርኔት ይከታተሉ።",
        footnote="Tamarind የቤተሰብ ጥናት፣ መጋቢት 2024፣ 412 ቤተሰቦች።",
        second_heading="ለከተማው ምክር ቤት ያለን ጥያቄ",
        deadline="የከተማው ምክር ቤት እስከ 2025 መጨረሻ ድረስ እያንዳንዱን ቤት ከውሃ መስመር ጋር ማገናኘት አለበት።",
        queue='የሚቶኒ ሴቶች የውሃ ኮሚቴ የዕለት ተዕለቱን ሰልፍ "ሁለተኛ ሥራ" ይለዋል።',
        key=(
            "በሚቶኒ 1,200 አባወራዎች በቤታቸው ቧንቧ የላቸውም።",
            "ቤተሰቦች በቀን 3.5 ሰዓት ውሃ በመሸከም ያሳልፋሉ።",
        ),
        recommendations=(
            "እስከ 2025 ድረስ እያንዳንዱን ቤት ከውሃ መስመር ጋር ማገናኘት።",
            "የውሃ ዋጋን ለእያንዳንዱ ቤተሰብ ተመጣጣኝ ማድረግ።",
        ),
        action="ዘመቻውን {hashtag} 2024 ይቀላቀሉ፤ ወደ {email} ይጻፉልን።",
    ),
    "fa": Text(
        title="آب در کنار هر خانه",
        subtitle="اتصال آخرین خانه‌های میتونی به شبکهٔ آب",
        series="گزارش کوتاه دربارهٔ حق آب",
        summary="در محلهٔ میتونی، هنوز 1,200 خانوار آب را از شیرهای عمومی می‌آورند. شورای شهر می‌تواند تا سال 2025 آن‌ها را به شبکه وصل کند.",
        authors="گروه پژوهش Tamarind",
        opening="میتونی بدون لوله‌کشی آب ساخته شد. این گزارش شرح می‌دهد که ساکنان با چه مشکلاتی روبه‌رو هستند و شورای شهر چه باید بکند.",
        first_heading="زندگی کنار شیر عمومی",
        standpipe="در میتونی، 1,200 خانوار در خانه شیر آب ندارند. هر خانواده روزانه 3.5 ساعت صرف حمل آب می‌کند.[^1]",
        survey="متن کامل پیمایش را در {url} بخوانید یا به {email} بنویسید.",
        campaign="کارزار سال 2024 {hashtag} را در اینترنت دنبال کنید.",
        footnote="پیمایش خانوار Tamarind، مارس 2024، 412 خانواده.",
        second_heading="خواسته‌های ما از شورای شهر",
        deadline="Water is a human right. ساکنان این جمله را به انگلیسی روی پلاکاردهایشان نوشتند. شورای شهر باید تا پایان سال 2025 همهٔ خانه‌ها را به شبکه وصل کند.",
        queue='کمیتهٔ زنان میتونی برای آب صف روزانه را "کار دوم" می‌نامد.',
        key=(
            "در میتونی، 1,200 خانوار در خانه شیر آب ندارند.",
            "خانواده‌ها روزانه 3.5 ساعت صرف حمل آب می‌کنند.",
        ),
        recommendations=(
            "اتصال همهٔ خانه‌ها به شبکه تا سال 2025.",
            "نگه داشتن بهای آب در حد توان همهٔ خانواده‌ها.",
        ),
        action="به کارزار سال 2024 {hashtag} بپیوندید و به {email} بنویسید.",
    ),
    "he": Text(
        title="מים בכל בית",
        subtitle="חיבור הבתים האחרונים במיטוני לרשת המים",
        series="סקירה על הזכות למים",
        summary="ברובע מיטוני, 1,200 משקי בית עדיין שואבים מים מברזים ציבוריים. העירייה יכולה לחבר אותם לרשת עד 2025.",
        authors="צוות המחקר של Tamarind",
        opening="מיטוני נבנתה בלי צנרת מים. סקירה זו מתארת את מה שעובר על התושבים ואת מה שהעירייה חייבת לעשות.",
        first_heading="החיים ליד הברז הציבורי",
        standpipe="במיטוני, ל-1,200 משקי בית אין ברז בבית. משפחה מקדישה 3.5 שעות ביום לסחיבת מים.[^1]",
        survey="את הסקר המלא אפשר לקרוא ב-{url} או לכתוב אלינו ל-{email}.",
        campaign="עקבו אחרי קמפיין 2024 {hashtag} ברשת.",
        footnote="סקר משקי הבית של Tamarind, מרץ 2024, 412 משפחות.",
        second_heading="הדרישות שלנו מהעירייה",
        deadline="Water is a human right. את המשפט הזה כתבו התושבים באנגלית על השלטים שלהם. העירייה חייבת לחבר כל בית לרשת עד סוף 2025.",
        queue='לפי הדו"ח הנ"ל, ועדת הנשים למים של מיטוני קוראת לתור היומי "עבודה שנייה".',
        key=(
            "במיטוני, ל-1,200 משקי בית אין ברז בבית.",
            "משפחות מקדישות 3.5 שעות ביום לסחיבת מים.",
        ),
        recommendations=(
            "חיבור כל בית לרשת עד 2025.",
            "שמירה על מחיר מים שכל משפחה יכולה לעמוד בו.",
        ),
        action="הצטרפו לקמפיין 2024 {hashtag} וכתבו אלינו ל-{email}.",
    ),
    "ja": Text(
        title="すべての家に水道を",
        subtitle="ミトニ地区に残る世帯を水道網につなぐために",
        series="水の権利ブリーフィング",
        summary="ミトニ地区では、今も 1,200 世帯が公共の給水栓から水を運んでいます。区議会は 2025 年までにこれらの世帯を水道につなぐことができます。",
        authors="Tamarind 調査チーム",
        opening="ミトニは水道管のないまま建設されました。このブリーフィングでは、住民の状況と区議会がなすべきことを説明します。",
        first_heading="給水栓のそばの暮らし",
        standpipe="ミトニでは 1,200 世帯の家に蛇口がありません。一つの家族が毎日 3.5 時間をかけて水を運んでいます。[^1]",
        survey="調査の全文は {url} でご覧いただけます。ご質問は {email} までお寄せください。",
        campaign="キャンペーン {hashtag} 2024 をオンラインでフォローしてください。",
        footnote="Tamarind 世帯調査、2024 年 3 月、412 家族。",
        second_heading="区議会への要求",
        deadline="区議会は 2025 年末までにすべての住宅を水道網につながなければなりません。",
        queue="{name} は、毎日の行列を「第二の仕事」と呼んでいます。",
        key=(
            "ミトニでは 1,200 世帯の家に蛇口がありません。",
            "家族は毎日 3.5 時間をかけて水を運んでいます。",
        ),
        recommendations=(
            "2025 年までにすべての住宅を水道網につなぐこと。",
            "すべての家族が払える水道料金を保つこと。",
        ),
        action="キャンペーン {hashtag} 2024 に参加し、{email} までご連絡ください。",
    ),
    "ko": Text(
        title="모든 집에 수돗물을",
        subtitle="미토니의 마지막 가구들을 상수도에 연결하기",
        series="물 인권 브리핑",
        summary="미토니 지구에서는 아직도 1,200가구가 공용 수도에서 물을 길어 나릅니다. 구의회는 2025년까지 이 가구들을 상수도에 연결할 수 있습니다.",
        authors="Tamarind 연구팀",
        opening="미토니는 상수도관 없이 지어졌습니다. 이 브리핑은 주민들이 겪는 어려움과 구의회가 해야 할 일을 설명합니다.",
        first_heading="공용 수도 옆의 삶",
        standpipe="미토니에서는 1,200가구의 집에 수도꼭지가 없습니다. 한 가족이 물을 나르는 데 하루 3.5시간을 씁니다.[^1]",
        survey="조사 전문은 {url}에서 볼 수 있으며, 문의는 {email}로 보내 주십시오.",
        campaign="온라인에서 {hashtag} 2024 캠페인을 지켜봐 주십시오.",
        footnote="Tamarind 가구 조사, 2024년 3월, 412가구.",
        second_heading="구의회에 대한 요구",
        deadline="구의회는 2025년 말까지 모든 주택을 상수도에 연결해야 합니다.",
        queue='미토니 여성 물 위원회는 매일의 줄서기를 "두 번째 일"이라고 부릅니다.',
        key=(
            "미토니에서는 1,200가구의 집에 수도꼭지가 없습니다.",
            "가족들은 물을 나르는 데 하루 3.5시간을 씁니다.",
        ),
        recommendations=(
            "2025년까지 모든 주택을 상수도에 연결할 것.",
            "모든 가족이 감당할 수 있는 물값을 유지할 것.",
        ),
        action="캠페인 {hashtag} 2024에 참여하고 {email}로 연락해 주십시오.",
    ),
    "ka": Text(
        title="წყალი ყველა კართან",
        subtitle="მიტონის ბოლო სახლების წყალსადენის ქსელზე მიერთება",
        series="მოკლე მიმოხილვა წყლის უფლებაზე",
        summary="მიტონის უბანში 1\u00a0200 ოჯახი ჯერ კიდევ საჯარო ონკანებიდან ეზიდება წყალს. მერიას შეუძლია მათი ქსელზე მიერთება 2025 წლამდე.",
        authors="Tamarind-ის კვლევითი ჯგუფი",
        opening="მიტონი წყალსადენის მილების გარეშე აშენდა. ეს მიმოხილვა აღწერს, რა სირთულეებს აწყდებიან მაცხოვრებლები და რა უნდა გააკეთოს მერიამ.",
        first_heading="ცხოვრება საჯარო ონკანთან",
        standpipe="მიტონში 1\u00a0200 ოჯახს სახლში ონკანი არ აქვს. ერთი ოჯახი დღეში 3,5 საათს ხარჯავს წყლის ზიდვაზე.[^1]",
        survey="სრული კვლევა იხილეთ მისამართზე {url} ან მოგვწერეთ: {email}.",
        campaign="გაჰყევით კამპანიას {hashtag} 2024 ინტერნეტში.",
        footnote="Tamarind-ის შინამეურნეობების კვლევა, მარტი 2024, 412 ოჯახი.",
        second_heading="ჩვენი მოთხოვნები მერიისადმი",
        deadline="მერიამ 2025 წლის ბოლომდე ყველა სახლი უნდა მიაერთოს წყალსადენის ქსელს.",
        queue='მიტონის ქალთა წყლის კომიტეტი ყოველდღიურ რიგს "მეორე სამსახურს" უწოდებს.',
        key=(
            "მიტონში 1\u00a0200 ოჯახს სახლში ონკანი არ აქვს.",
            "ოჯახები დღეში 3,5 საათს ხარჯავენ წყლის ზიდვაზე.",
        ),
        recommendations=(
            "ყველა სახლის მიერთება ქსელზე 2025 წლამდე.",
            "წყლის ფასის შენარჩუნება ყველა ოჯახისთვის ხელმისაწვდომ დონეზე.",
        ),
        action="შემოგვიერთდით კამპანიაში {hashtag} 2024 და მოგვწერეთ: {email}.",
    ),
}

#: The organisation's words in some of the languages, as ``[organisation.<tag>]`` tables of
#: briefing.toml (any key left out comes from ``[organisation]``). The other languages print
#: the source's.
ORGANISATION_TEXTS: dict[str, dict[str, str | list[str]]] = {
    "fr": {
        "name": "Réseau Tamarind pour le droit à l'eau",
        "licence": "Vous pouvez copier et diffuser ce document selon la licence CC BY 4.0.",
        "address": ["12, rue des Fontaines", "Mitoni"],
    },
    "es": {
        "name": "Red Tamarind por el derecho al agua",
        "licence": "Puede copiar y difundir este documento con la licencia CC BY 4.0.",
    },
    "ar": {
        "name": "شبكة Tamarind للحق في الماء",
        "licence": "يجوز نسخ هذه الورقة ونشرها بموجب رخصة CC BY 4.0.",
    },
    "he": {
        "name": "רשת Tamarind לזכות למים",
        "licence": "מותר להעתיק ולשתף מסמך זה לפי רישיון CC BY 4.0.",
    },
    "zh-Hans": {
        "name": "Tamarind 水权网络",
        "licence": "本文件可依据 CC BY 4.0 许可协议复制和分享。",
    },
}


def _yaml(value: str | list[str]) -> str:
    """A front matter value: JSON strings and lists are YAML too, quotes and colons included."""
    return json.dumps(value, ensure_ascii=False)


def _toml_table(name: str, values: dict[str, str | list[str]]) -> str:
    lines = [f"[{name}]"]
    lines += [f"{key} = {json.dumps(value, ensure_ascii=False)}" for key, value in values.items()]
    return "\n".join(lines) + "\n"


def settings() -> str:
    """briefing.toml: every language published, the organisation and its words in some of
    them."""
    tags = json.dumps(list(LANGUAGES))
    parts = [
        f'language = "{SOURCE}"\nlanguages = {tags}\npaper = "A4"\n',
        _toml_table("organisation", dict(ORGANISATION)),
    ]
    parts += [
        _toml_table(f"organisation.{tag}", words) for tag, words in ORGANISATION_TEXTS.items()
    ]
    return "\n".join(parts)


def documents(tag: str) -> dict[str, str]:
    """One language's Markdown files: stem -> text."""
    text = TEXTS[tag]

    def fill(words: str) -> str:
        return words.format(**_PLACES)

    meta = {
        "title": text.title,
        "subtitle": text.subtitle,
        "series": text.series,
        "summary": text.summary,
        "authors": [text.authors],
    }
    if tag == SOURCE:
        meta |= {"date": DATE, "url": PUBLICATION_URL, "keywords": ["water", "housing"]}
    front = "".join(f"{key}: {_yaml(value)}\n" for key, value in meta.items())
    key, recommendations = text.key, text.recommendations
    return {
        "index": f"---\n{front}---\n{fill(text.opening)}\n",
        "01-standpipe": (
            f"# {text.first_heading}\n\n{fill(text.standpipe)}\n\n{fill(text.survey)}\n\n"
            f"{fill(text.campaign)}\n\n[^1]: {fill(text.footnote)}\n"
        ),
        "02-demands": f"# {text.second_heading}\n\n{fill(text.deadline)}\n\n{fill(text.queue)}\n",
        "handout": (
            f"!!! key\n    - {fill(key[0])}\n    - {fill(key[1])}\n\n"
            f"!!! recommendations\n    1. {fill(recommendations[0])}\n"
            f"    2. {fill(recommendations[1])}\n\n"
            f"!!! action\n    {fill(text.action)}\n"
        ),
    }


def polyglot_files() -> dict[str, str]:
    """The whole project: relative path -> text."""
    files = {"briefing.toml": settings()}
    for tag in LANGUAGES:
        suffix = "" if tag == SOURCE else f".{tag}"
        for stem, markdown in documents(tag).items():
            files[f"content/{SLUG}/{stem}{suffix}.md"] = markdown
    return files


def written_words(tag: str) -> list[str]:
    """Every text of this project that an edition in ``tag`` prints and that was written here,
    not by the tool (the Markdown without its syntax): its words, and the organisation's (the
    source's where not translated)."""
    text = TEXTS[tag]
    words = [
        text.title, text.subtitle, text.series, text.summary, text.authors, text.opening,
        text.first_heading, text.standpipe, text.survey, text.campaign, text.footnote,
        text.second_heading, text.deadline, text.queue, *text.key, *text.recommendations,
        text.action,
    ]  # fmt: skip
    words = [word.format(**_PLACES) for word in words]
    words += [str(value) for value in ORGANISATION.values()]
    words += [str(value) for value in ORGANISATION_TEXTS.get(tag, {}).values()]
    return words
