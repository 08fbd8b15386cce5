"""One search over policies and cases, its suggestions, and the searches that found nothing."""
