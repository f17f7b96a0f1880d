import rules

from .predicates import is_case_worker, is_commissioner, is_member

rules.add_perm("core.view_dashboard", is_member)
# Audit trail of a record: who changed what. Assistants do not see it, as entries
# of complaints and counselling name who read personal data.
rules.add_perm("core.view_audit", is_case_worker)
rules.add_perm("core.view_district_audit", is_commissioner)
