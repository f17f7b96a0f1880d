"""Languages and topics from directory/reference.py, and the full-text index."""

from django.db import migrations

from teilhabe.core import search
from teilhabe.directory.reference import LANGUAGES, TOPICS


def load_reference(apps, schema_editor):
    Language = apps.get_model("directory", "Language")
    Topic = apps.get_model("directory", "Topic")
    for code, name_de, name_en, native, rtl in LANGUAGES:
        Language.objects.update_or_create(
            code=code,
            defaults={"name_de": name_de, "name_en": name_en, "native_name": native, "rtl": rtl},
        )
    for order, (code, name_de, name_en) in enumerate(TOPICS):
        Topic.objects.update_or_create(
            code=code, defaults={"name_de": name_de, "name_en": name_en, "sort_order": order}
        )


def create_search_index(apps, schema_editor):
    search.create_index(schema_editor, "directory_organisation")


def drop_search_index(apps, schema_editor):
    search.drop_index(schema_editor, "directory_organisation")


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [
        migrations.RunPython(load_reference, migrations.RunPython.noop),
        migrations.RunPython(create_search_index, drop_search_index),
    ]
