import rules

from teilhabe.core.predicates import is_case_worker, is_commissioner, is_member

# Complaints hold special categories of personal data (origin, religion): commissioner
# and staff work on them; reads of a complaint with personal data are audited.
rules.add_perm("complaints.view_complaint", is_case_worker)
rules.add_perm("complaints.change_complaint", is_case_worker)
# The assistant sees the list without names, subjects or descriptions (reference,
# channel, dates, status, what is due), to keep the two-week duty in view.
rules.add_perm("complaints.view_anonymised_list", is_member)
# Four eyes: the commissioner approves assessments (services check the drafter too).
rules.add_perm("complaints.approve_assessment", is_commissioner)
# The statistics hold no personal data: everybody in the office sees them.
rules.add_perm("complaints.view_statistics", is_member)
