import rules

from teilhabe.core.predicates import is_case_worker, is_commissioner, is_member

rules.add_perm("districts.view_office", is_member)
rules.add_perm("districts.change_office", is_case_worker)
rules.add_perm("districts.manage_positions", is_commissioner)
