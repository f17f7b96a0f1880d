import rules

from teilhabe.core.predicates import is_lag_viewer

rules.add_perm("lag.view_aggregates", is_lag_viewer)
