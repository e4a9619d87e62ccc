from django.core.management.base import BaseCommand

from certificates.services import certificates_render_pending


class Command(BaseCommand):
    help = "Render and sign the PDF of every issued certificate that has none yet."

    def handle(self, *args, **options):
        rendered = certificates_render_pending()
        self.stdout.write(f"Rendered {rendered} certificate PDF{'s' if rendered != 1 else ''}.")
