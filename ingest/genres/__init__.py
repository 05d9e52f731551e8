"""Document genres as plug-ins: each recognises one layout and extracts records from it."""
