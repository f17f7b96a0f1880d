"""Reference lists of the directory: the languages help is offered in, and the topics.

Languages carry their ISO 639 code (639-1 where one exists, else 639-3), their German
and English names and their own name in their own script; `rtl` marks right-to-left
scripts so pages can set `dir="rtl"` on the native name. Used by the data migration
that creates them and by tests that check them.
"""

# (code, German, English, native, rtl)
LANGUAGES: list[tuple[str, str, str, str, bool]] = [
    ("de", "Deutsch", "German", "Deutsch", False),
    ("en", "Englisch", "English", "English", False),
    ("ar", "Arabisch", "Arabic", "العربية", True),
    ("tr", "Türkisch", "Turkish", "Türkçe", False),
    ("ru", "Russisch", "Russian", "Русский", False),
    ("uk", "Ukrainisch", "Ukrainian", "Українська", False),
    ("pl", "Polnisch", "Polish", "Polski", False),
    ("vi", "Vietnamesisch", "Vietnamese", "Tiếng Việt", False),
    ("fa", "Farsi (Persisch)", "Farsi (Persian)", "فارسی", True),
    ("prs", "Dari", "Dari", "دری", True),
    ("ps", "Paschtu", "Pashto", "پښتو", True),
    ("kmr", "Kurmandschi (Kurdisch)", "Kurmanji (Kurdish)", "Kurmancî", False),
    ("ckb", "Sorani (Kurdisch)", "Sorani (Kurdish)", "کوردیی ناوەندی", True),
    ("rom", "Romanes", "Romani", "Romani čhib", False),
    ("ro", "Rumänisch", "Romanian", "Română", False),
    ("bg", "Bulgarisch", "Bulgarian", "Български", False),
    ("sr", "Serbisch", "Serbian", "Српски", False),
    ("hr", "Kroatisch", "Croatian", "Hrvatski", False),
    ("bs", "Bosnisch", "Bosnian", "Bosanski", False),
    ("sq", "Albanisch", "Albanian", "Shqip", False),
    ("el", "Griechisch", "Greek", "Ελληνικά", False),
    ("it", "Italienisch", "Italian", "Italiano", False),
    ("es", "Spanisch", "Spanish", "Español", False),
    ("pt", "Portugiesisch", "Portuguese", "Português", False),
    ("fr", "Französisch", "French", "Français", False),
    ("hu", "Ungarisch", "Hungarian", "Magyar", False),
    ("cs", "Tschechisch", "Czech", "Čeština", False),
    ("lt", "Litauisch", "Lithuanian", "Lietuvių", False),
    ("lv", "Lettisch", "Latvian", "Latviešu", False),
    ("ka", "Georgisch", "Georgian", "ქართული", False),
    ("hy", "Armenisch", "Armenian", "Հայերեն", False),
    ("az", "Aserbaidschanisch", "Azerbaijani", "Azərbaycanca", False),
    ("he", "Hebräisch", "Hebrew", "עברית", True),
    ("ur", "Urdu", "Urdu", "اردو", True),
    ("hi", "Hindi", "Hindi", "हिन्दी", False),
    ("bn", "Bengalisch", "Bengali", "বাংলা", False),
    ("ta", "Tamil", "Tamil", "தமிழ்", False),
    ("zh", "Chinesisch", "Chinese", "中文", False),
    ("ko", "Koreanisch", "Korean", "한국어", False),
    ("th", "Thailändisch", "Thai", "ไทย", False),
    ("tl", "Tagalog", "Tagalog", "Tagalog", False),
    ("so", "Somali", "Somali", "Soomaali", False),
    ("ti", "Tigrinya", "Tigrinya", "ትግርኛ", False),
    ("am", "Amharisch", "Amharic", "አማርኛ", False),
    ("sw", "Swahili", "Swahili", "Kiswahili", False),
    ("ha", "Hausa", "Hausa", "Hausa", False),
    ("yo", "Yoruba", "Yoruba", "Yorùbá", False),
    ("tw", "Twi", "Twi", "Twi", False),
    ("wo", "Wolof", "Wolof", "Wolof", False),
    ("ff", "Fulfulde", "Fula", "Fulfulde", False),
    ("ln", "Lingala", "Lingala", "Lingála", False),
    ("dgs", "Deutsche Gebärdensprache", "German Sign Language", "DGS", False),
]

# (code, German, English); the controlled list of topics, in display order.
TOPICS: list[tuple[str, str, str]] = [
    ("residence", "Aufenthaltsrecht", "Residence law"),
    ("asylum", "Asyl und Flucht", "Asylum and refuge"),
    ("naturalisation", "Einbürgerung", "Naturalisation"),
    ("work", "Arbeit und Anerkennung von Abschlüssen", "Work and recognition of qualifications"),
    ("housing", "Wohnen", "Housing"),
    ("education", "Bildung und Kinderbetreuung", "Education and childcare"),
    ("health", "Gesundheit", "Health"),
    ("benefits", "Sozialleistungen", "Social benefits"),
    ("family", "Familie", "Family"),
    ("discrimination", "Diskriminierung", "Discrimination"),
    ("language-courses", "Sprachkurse", "Language courses"),
    ("culture", "Kultur und Freizeit", "Culture and leisure"),
]
