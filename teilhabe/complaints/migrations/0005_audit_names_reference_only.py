"""The change log named complaints by "reference – subject"; the subject is what the
complainant wrote and stays out of the log (and survived anonymisation there). Entries
about complaints keep the reference only."""

from django.db import migrations


def reference_only(apps, schema_editor) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    AuditEntry = apps.get_model("core", "AuditEntry")
    kind = ContentType.objects.filter(app_label="complaints", model="complaint").first()
    if kind is None:
        return
    entries = AuditEntry.objects.filter(content_type=kind, object_repr__contains=" – ")
    for entry in entries.iterator():
        entry.object_repr = entry.object_repr.split(" – ", 1)[0]
        entry.save(update_fields=["object_repr"])


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0004_referral_outcome_event"),
        ("core", "0002_cache_table"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(reference_only, migrations.RunPython.noop)]
