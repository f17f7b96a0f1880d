import rules

from teilhabe.core.predicates import is_case_worker, is_member

# Counselling records hold special categories of personal data: case workers only.
rules.add_perm("counselling.view_consultation", is_case_worker)
rules.add_perm("counselling.change_consultation", is_case_worker)
# The statistics are anonymous (no cell under three persons): the whole office.
rules.add_perm("counselling.view_statistics", is_member)
