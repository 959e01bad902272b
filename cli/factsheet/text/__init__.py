"""Reading prose: quantities, dates, names and quotations. Depends only on source/."""
