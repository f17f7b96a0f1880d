import rules

from teilhabe.core.predicates import is_case_worker, is_member

# Committee work is no secret inside the office: everybody reads it, and the assistant
# organises meetings (agenda, invitation, minutes, attendance, tasks, documents).
rules.add_perm("committees.view_body", is_member)
rules.add_perm("committees.change_meeting", is_member)
# Which bodies the office sits in, in which role, and their rhythm: commissioner and staff.
rules.add_perm("committees.change_body", is_case_worker)
rules.add_perm("committees.import_bodies", is_case_worker)
# Members are named persons with contact details: commissioner and staff.
rules.add_perm("committees.change_member", is_case_worker)
