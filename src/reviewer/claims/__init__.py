"""Claims: structured readings of the report text shared by the checks."""
