# Featured stories (issue 5): the pinned home page lead and the breaking-news banner.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0002_captionedimage_file_size'),
    ]

    operations = [
        migrations.AddField(
            model_name='article',
            name='is_pinned',
            field=models.BooleanField(default=False, help_text='Show this story as the home page lead, above newer stories.', verbose_name='pinned as lead'),
        ),
        migrations.AddField(
            model_name='article',
            name='pinned_until',
            field=models.DateTimeField(blank=True, help_text='Optional. After this time the newest story leads again.', null=True),
        ),
        migrations.AddField(
            model_name='article',
            name='is_breaking',
            field=models.BooleanField(default=False, help_text='Show a breaking-news banner linking to this story on every page.', verbose_name='breaking news'),
        ),
        migrations.AddField(
            model_name='article',
            name='breaking_until',
            field=models.DateTimeField(blank=True, help_text='Optional. The banner disappears at this time.', null=True),
        ),
        migrations.AddIndex(
            model_name='article',
            index=models.Index(condition=models.Q(('is_breaking', True)), fields=['-published_at'], name='article_breaking_idx'),
        ),
        migrations.AddIndex(
            model_name='article',
            index=models.Index(condition=models.Q(('is_pinned', True)), fields=['-published_at'], name='article_pinned_idx'),
        ),
    ]
