"""Policies brought in from Word documents: read (reading, paths), uploaded in the admin
(forms, views) or named on the command line (import_policies), saved as drafts by
policies.services.import_policy_drafts."""
