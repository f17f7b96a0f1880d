"""Staff pages of the Ombudsstelle, by part: the case (`case`), its casework
(`casework`: statements, referral, assessment), `attachments`, `letters` (DOCX and PDF)
and `statistics`. Each module lists its own `urlpatterns`."""
