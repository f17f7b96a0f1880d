import rules

from teilhabe.core.predicates import is_case_worker, is_member

# The work plan is the office's public programme: everybody in the office reads it and
# records progress on its activities (status and dated notes).
rules.add_perm("workplan.view_workplan", is_member)
rules.add_perm("workplan.record_progress", is_member)
# What the office plans, the texts the Bezirksamt adopts, the import and the papers for
# the BVV: commissioner and staff.
rules.add_perm("workplan.change_workplan", is_case_worker)
