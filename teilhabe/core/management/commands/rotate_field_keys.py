"""Re-encrypt every encrypted field under the newest key, so older keys can be retired."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q

from teilhabe.core.crypto import EncryptedTextField


class Command(BaseCommand):
    help = "Re-encrypt all encrypted fields with the first configured key."

    def handle(self, *args: Any, **options: Any) -> None:
        total = 0
        for model in apps.get_models():
            fields = [f.name for f in model._meta.fields if isinstance(f, EncryptedTextField)]
            if not fields:
                continue
            filled = Q()
            for name in fields:
                filled |= ~Q(**{name: ""})
            rows = model._base_manager.filter(filled).only("pk", *fields)
            with transaction.atomic():
                for obj in rows.iterator(chunk_size=500):
                    # Reading decrypted with any key; update() encrypts with the newest.
                    values = {name: getattr(obj, name) for name in fields}
                    model._base_manager.filter(pk=obj.pk).update(**values)
                    total += 1
            self.stdout.write(f"{model._meta.label}: {rows.count()} records re-encrypted.")
        self.stdout.write(f"Done: {total} records.")
