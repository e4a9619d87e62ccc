"""Signals other apps listen to, so this layer never imports the ones above it."""

from django.dispatch import Signal

# Sent inside the transaction of certificates.services.certificate_supersede,
# after the successor is saved, with `predecessor`, `successor` and `kind`
# (a Certificate.Supersession). A receiver that raises rolls the whole change
# back. renewals moves a cycle's CE log to the successor of a name change.
certificate_superseded = Signal()
