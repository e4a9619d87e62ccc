"""Moving models from one app to another without touching their tables.

Used by the migrations that moved programs and practice hours out of training/
(issue #15): the models keep their tables (Meta.db_table), their content types
are relabelled in place."""

from django.contrib.contenttypes.models import ContentType as LiveContentType


def move_content_types(apps, schema_editor, *, models, source, target):
    """Relabel the content types, keeping their ids (permissions and history
    point at the ids). A row already under the new label (a database where the
    new app's content types were created before this ran) is merged into the
    old one, whose id the data already points at."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    db = schema_editor.connection.alias
    for model in models:
        old = ContentType.objects.using(db).filter(app_label=source, model=model).first()
        new = ContentType.objects.using(db).filter(app_label=target, model=model).first()
        if old is None:
            continue
        if new is not None:
            Permission.objects.using(db).filter(content_type=new).delete()
            new.delete()
        old.app_label = target
        old.save(using=db, update_fields=["app_label"])
    # The live manager caches content types by id and by label.
    LiveContentType.objects.clear_cache()
