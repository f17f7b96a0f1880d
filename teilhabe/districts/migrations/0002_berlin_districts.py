"""Create Berlin's 12 districts, their 96 Ortsteile and one office each (idempotent)."""

from django.db import migrations

from teilhabe.districts.reference import DISTRICTS, office_name, official_name


def create_districts(apps, schema_editor):
    District = apps.get_model("districts", "District")
    Locality = apps.get_model("districts", "Locality")
    Office = apps.get_model("districts", "Office")
    for number, slug, name, localities in DISTRICTS:
        district, _ = District.objects.update_or_create(
            number=number,
            defaults={"slug": slug, "name": name, "official_name": official_name(name)},
        )
        for code, locality in localities:
            Locality.objects.update_or_create(
                code=code, defaults={"district": district, "name": locality}
            )
        Office.objects.get_or_create(district=district, defaults={"name": office_name(name)})


class Migration(migrations.Migration):
    dependencies = [("districts", "0001_initial")]

    operations = [migrations.RunPython(create_districts, migrations.RunPython.noop)]
