"""The fixed texts of the Ombudsstelle's letters, one `Frame` per language: salutation,
introduction, labels, closing and the draft mark. They are the letters' content in the
recipient's language, not interface texts (see `letters`). A language is added by
adding its frame here; `tests/test_letters.py` checks every frame has every key.
"""

from __future__ import annotations

from typing import TypedDict


class Frame(TypedDict):
    """The fixed texts of a letter in one language; "{…}" are filled in."""

    date: str  # {day} {month} {month_name} {year}
    months: tuple[str, ...]
    place_date: str
    reference: str
    draft: str
    draft_note: str
    approved: str
    salutation: str
    salutation_neutral: str
    salutation_body: str
    closing: str
    assessment_title: str
    assessment_title_body: str
    assessment_intro: str
    assessment_intro_body: str
    statement_title: str
    statement_intro: str
    matter: str
    deadline: str
    statement_note: str
    referral_title: str
    referral_intro: str
    consent: str
    consent_given: str
    how: dict[str, str]
    grounds: str
    ground_names: dict[str, str]
    no_grounds: str
    name: str
    contact: str
    contact_labels: dict[str, str]
    subject: str
    description: str
    statement_of: str
    no_contact: str


GERMAN: Frame = {
    "date": "{day:02d}.{month:02d}.{year}",
    "months": ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August")
    + ("September", "Oktober", "November", "Dezember"),
    "place_date": "Berlin, {date}",
    "reference": "Unser Zeichen",
    "draft": "ENTWURF",
    "draft_note": "Dieses Schreiben ist noch nicht freigegeben und darf nicht versandt werden.",
    "approved": "Freigegeben von {name} am {date}.",
    "salutation": "Guten Tag {name},",
    "salutation_neutral": "Guten Tag,",
    "salutation_body": "Sehr geehrte Damen und Herren,",
    "closing": "Mit freundlichen Grüßen",
    "assessment_title": "Einschätzung der Ombudsstelle zu Ihrer Beschwerde",
    "assessment_title_body": "Einschätzung der Ombudsstelle zu einer Beschwerde",
    "assessment_intro": (
        "wir haben Ihre Beschwerde mit dem Zeichen {reference} geprüft. "
        "Hier ist unsere Einschätzung:"
    ),
    "assessment_intro_body": (
        "wir haben eine Beschwerde geprüft, die Ihre Stelle betrifft (Zeichen {reference}). "
        "Hier ist unsere Einschätzung:"
    ),
    "statement_title": "Bitte um Stellungnahme zu einer Beschwerde",
    "statement_intro": (
        "bei der Ombudsstelle ist eine Beschwerde eingegangen, die Ihre Stelle betrifft. "
        "Bitte nehmen Sie zu dem folgenden Sachverhalt Stellung."
    ),
    "matter": "Sachverhalt",
    "deadline": "Frist für Ihre Stellungnahme",
    "statement_note": (
        "Zum Schutz der beschwerdeführenden Person enthält dieses Schreiben keine Angaben, "
        "die sie erkennbar machen. Bitte nennen Sie in Ihrer Antwort unser Zeichen {reference}."
    ),
    "referral_title": "Verweisung einer Beschwerde nach dem Allgemeinen Gleichbehandlungsgesetz",
    "referral_intro": (
        "wir verweisen die Beschwerde mit dem Zeichen {reference} an Sie, weil es Anzeichen "
        "für eine Benachteiligung nach dem Allgemeinen Gleichbehandlungsgesetz (AGG) gibt. "
        "Die beschwerdeführende Person hat der Verweisung zugestimmt. Wir geben nur die "
        "Angaben weiter, mit deren Weitergabe sie einverstanden ist."
    ),
    "consent": "Einwilligung",
    "consent_given": "erteilt am {date}, {how}",
    "how": {
        "in_writing": "schriftlich",
        "phone": "telefonisch",
        "in_person": "persönlich",
        "status_page": "über die Statusseite",
    },
    "grounds": "Merkmale nach § 1 AGG",
    "ground_names": {
        "ethnic_origin": "ethnische Herkunft",
        "gender": "Geschlecht",
        "religion": "Religion oder Weltanschauung",
        "disability": "Behinderung",
        "age": "Alter",
        "sexual_identity": "sexuelle Identität",
    },
    "no_grounds": "keine angegeben",
    "name": "Name",
    "contact": "Kontaktdaten",
    "contact_labels": {"email": "E-Mail", "phone": "Telefon", "address": "Anschrift"},
    "subject": "Betreff",
    "description": "Was geschehen ist",
    "statement_of": "Stellungnahme: {body}",
    "no_contact": (
        "Die beschwerdeführende Person hat der Weitergabe ihrer Kontaktdaten nicht "
        "zugestimmt. Bitte richten Sie Rückfragen unter Angabe des Zeichens an die "
        "Ombudsstelle."
    ),
}

ENGLISH: Frame = {
    "date": "{day} {month_name} {year}",
    "months": ("January", "February", "March", "April", "May", "June", "July", "August")
    + ("September", "October", "November", "December"),
    "place_date": "Berlin, {date}",
    "reference": "Our reference",
    "draft": "DRAFT",
    "draft_note": "This letter has not been approved yet and must not be sent.",
    "approved": "Approved by {name} on {date}.",
    "salutation": "Dear {name},",
    "salutation_neutral": "Dear Sir or Madam,",
    "salutation_body": "Dear Sir or Madam,",
    "closing": "Kind regards",
    "assessment_title": "The Ombudsstelle's assessment of your complaint",
    "assessment_title_body": "The Ombudsstelle's assessment of a complaint",
    "assessment_intro": (
        "The Ombudsstelle (complaints and mediation office) has looked into your complaint "
        "with the reference {reference}. This is our assessment:"
    ),
    "assessment_intro_body": (
        "We have looked into a complaint that concerns your organisation "
        "(reference {reference}). This is our assessment:"
    ),
    "statement_title": "Request for a statement on a complaint",
    "statement_intro": (
        "The Ombudsstelle has received a complaint that concerns your organisation. "
        "Please give us your statement on the matter below."
    ),
    "matter": "The matter",
    "deadline": "Deadline for your statement",
    "statement_note": (
        "To protect the person who complained, this letter contains nothing that identifies "
        "them. Please quote our reference {reference} in your reply."
    ),
    "referral_title": "Referral of a complaint under the General Equal Treatment Act",
    "referral_intro": (
        "We are referring the complaint with the reference {reference} to you because there "
        "are signs of discrimination under the General Equal Treatment Act (AGG). The person "
        "who complained has agreed to the referral. We only pass on the information they "
        "agreed to share."
    ),
    "consent": "Consent",
    "consent_given": "given on {date}, {how}",
    "how": {
        "in_writing": "in writing",
        "phone": "by phone",
        "in_person": "in person",
        "status_page": "on the status page",
    },
    "grounds": "Grounds under section 1 AGG",
    "ground_names": {
        "ethnic_origin": "ethnic origin",
        "gender": "gender",
        "religion": "religion or belief",
        "disability": "disability",
        "age": "age",
        "sexual_identity": "sexual identity",
    },
    "no_grounds": "none given",
    "name": "Name",
    "contact": "Contact details",
    "contact_labels": {"email": "E-mail", "phone": "Phone", "address": "Address"},
    "subject": "Subject",
    "description": "What happened",
    "statement_of": "Statement of {body}",
    "no_contact": (
        "The person who complained has not agreed to share their contact details. Please "
        "send any questions to the Ombudsstelle, quoting the reference."
    ),
}

TURKISH: Frame = {
    "date": "{day:02d}.{month:02d}.{year}",
    "months": ("Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos")
    + ("Eylül", "Ekim", "Kasım", "Aralık"),
    "place_date": "Berlin, {date}",
    "reference": "Dosya numaramız",
    "draft": "TASLAK",
    "draft_note": "Bu yazı henüz onaylanmadı ve gönderilmemelidir.",
    "approved": "{name} tarafından {date} tarihinde onaylandı.",
    "salutation": "Sayın {name},",
    "salutation_neutral": "Sayın İlgili,",
    "salutation_body": "Sayın Yetkili,",
    "closing": "Saygılarımızla",
    "assessment_title": "Ombudsstelle'nin şikâyetinize ilişkin değerlendirmesi",
    "assessment_title_body": "Ombudsstelle'nin bir şikâyete ilişkin değerlendirmesi",
    "assessment_intro": (
        "Ombudsstelle (Şikâyet ve Arabuluculuk Birimi), {reference} dosya numaralı "
        "şikâyetinizi inceledi. Değerlendirmemiz şöyledir:"
    ),
    "assessment_intro_body": (
        "Kurumunuzu ilgilendiren {reference} dosya numaralı bir şikâyeti inceledik. "
        "Değerlendirmemiz şöyledir:"
    ),
    "statement_title": "Bir şikâyet hakkında görüş talebi",
    "statement_intro": (
        "Ombudsstelle'ye kurumunuzu ilgilendiren bir şikâyet ulaştı. Aşağıdaki konu "
        "hakkında görüşünüzü bildirmenizi rica ederiz."
    ),
    "matter": "Konu",
    "deadline": "Görüşünüz için son tarih",
    "statement_note": (
        "Şikâyetçiyi korumak için bu yazıda kimliğini belli eden hiçbir bilgi yer "
        "almamaktadır. Lütfen yanıtınızda {reference} dosya numaramızı belirtiniz."
    ),
    "referral_title": "Bir şikâyetin Genel Eşit Muamele Yasası kapsamında yönlendirilmesi",
    "referral_intro": (
        "{reference} dosya numaralı şikâyeti, Genel Eşit Muamele Yasası (AGG) kapsamında "
        "ayrımcılık belirtileri bulunduğu için size yönlendiriyoruz. Şikâyetçi bu "
        "yönlendirmeye onay verdi. Yalnızca paylaşılmasına onay verdiği bilgileri iletiyoruz."
    ),
    "consent": "Onay",
    "consent_given": "{date} tarihinde {how} verildi",
    "how": {
        "in_writing": "yazılı olarak",
        "phone": "telefonla",
        "in_person": "yüz yüze",
        "status_page": "durum sayfası üzerinden",
    },
    "grounds": "AGG madde 1 kapsamındaki ayrımcılık nedenleri",
    "ground_names": {
        "ethnic_origin": "etnik köken",
        "gender": "cinsiyet",
        "religion": "din veya dünya görüşü",
        "disability": "engellilik",
        "age": "yaş",
        "sexual_identity": "cinsel kimlik",
    },
    "no_grounds": "belirtilmedi",
    "name": "Ad soyad",
    "contact": "İletişim bilgileri",
    "contact_labels": {"email": "E-posta", "phone": "Telefon", "address": "Adres"},
    "subject": "Şikâyetin konusu",
    "description": "Ne oldu",
    "statement_of": "{body} kurumunun görüşü",
    "no_contact": (
        "Şikâyetçi, iletişim bilgilerinin paylaşılmasına onay vermedi. Sorularınızı lütfen "
        "dosya numarasını belirterek Ombudsstelle'ye iletiniz."
    ),
}

# Arabic runs right to left; every text starts with an Arabic word so that the PDF's
# paragraph direction (first strong letter) agrees with the DOCX one (majority).
ARABIC: Frame = {
    "date": "{day:02d}/{month:02d}/{year}",
    "months": ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس")
    + ("سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"),
    "place_date": "برلين، {date}",
    "reference": "رقم الملف",
    "draft": "مسودة",
    "draft_note": "هذه الرسالة لم تُعتمد بعد، ولا يجوز إرسالها.",
    "approved": "اعتمد هذه الرسالة {name} بتاريخ {date}.",
    "salutation": "حضرة {name} المحترم/ة،\nتحية طيبة وبعد،",
    "salutation_neutral": "تحية طيبة وبعد،",
    "salutation_body": "السادة المحترمون،\nتحية طيبة وبعد،",
    "closing": "مع خالص التحية والتقدير",
    "assessment_title": "تقييم مكتب الشكاوى والوساطة لشكواكم",
    "assessment_title_body": "تقييم مكتب الشكاوى والوساطة لإحدى الشكاوى",
    "assessment_intro": (
        "درس مكتب الشكاوى والوساطة شكواكم المسجلة برقم {reference}، وفيما يلي تقييمنا:"
    ),
    "assessment_intro_body": (
        "درسنا شكوى تتعلق بمؤسستكم، مسجلة برقم {reference}، وفيما يلي تقييمنا:"
    ),
    "statement_title": "طلب إبداء الرأي في شكوى",
    "statement_intro": (
        "تلقّى مكتب الشكاوى والوساطة شكوى تتعلق بمؤسستكم. نرجو أن توافونا برأيكم في "
        "الموضوع المبيّن أدناه."
    ),
    "matter": "الموضوع",
    "deadline": "الموعد النهائي لإرسال رأيكم",
    "statement_note": (
        "حمايةً للشخص المشتكي، لا تتضمن هذه الرسالة أي بيانات تكشف هويته. يرجى ذكر رقم "
        "الملف {reference} في ردكم."
    ),
    "referral_title": "إحالة شكوى بموجب القانون العام للمساواة في المعاملة",
    "referral_intro": (
        "نحيل إليكم الشكوى المسجلة برقم {reference} لوجود مؤشرات على تمييز بموجب القانون "
        "العام للمساواة في المعاملة. وقد وافق الشخص المشتكي على هذه الإحالة، ولا ننقل إلا "
        "البيانات التي وافق على مشاركتها."
    ),
    "consent": "الموافقة",
    "consent_given": "أُعطيت بتاريخ {date}، {how}",
    "how": {
        "in_writing": "كتابيًا",
        "phone": "هاتفيًا",
        "in_person": "شخصيًا",
        "status_page": "عبر صفحة متابعة الشكوى",
    },
    "grounds": "أسس التمييز وفق المادة 1 من القانون العام للمساواة في المعاملة",
    "ground_names": {
        "ethnic_origin": "الأصل العرقي",
        "gender": "الجنس",
        "religion": "الدين أو المعتقد",
        "disability": "الإعاقة",
        "age": "العمر",
        "sexual_identity": "الهوية الجنسية",
    },
    "no_grounds": "لم تُذكر",
    "name": "الاسم",
    "contact": "بيانات الاتصال",
    "contact_labels": {"email": "البريد الإلكتروني", "phone": "الهاتف", "address": "العنوان"},
    "subject": "موضوع الشكوى",
    "description": "ما حدث",
    "statement_of": "رأي الجهة: {body}",
    "no_contact": (
        "لم يوافق الشخص المشتكي على مشاركة بيانات الاتصال به. يرجى توجيه أي استفسار إلى "
        "مكتب الشكاوى والوساطة مع ذكر رقم الملف."
    ),
}

FRAMES: dict[str, Frame] = {"de": GERMAN, "en": ENGLISH, "tr": TURKISH, "ar": ARABIC}
