from __future__ import annotations

import factory

from teilhabe.accounts.models import Membership, User
from teilhabe.districts.models import District

PASSWORD = "ein-gutes-Passwort-2026"  # noqa: S105


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@bezirk.example")
    full_name = factory.Faker("name", locale="de_DE")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    district = factory.LazyFunction(lambda: District.objects.get(slug="marzahn-hellersdorf"))
    role = Membership.Role.STAFF
