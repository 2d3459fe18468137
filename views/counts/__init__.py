"""The Counts page: plan stock counts, follow their bins, review variances and approve."""
