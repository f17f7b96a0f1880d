import rules

from teilhabe.core.predicates import is_case_worker, is_member

# The directory holds no personal data of clients: the whole office keeps it.
rules.add_perm("directory.view_directory", is_member)
rules.add_perm("directory.change_directory", is_member)
# Bulk changes come from case workers, who answer for the directory's quality.
rules.add_perm("directory.import_directory", is_case_worker)
