from django.contrib import admin

from .models import Article, Author, Byline, CaptionedImage, Category

admin.site.register([Author, Category, CaptionedImage])


class BylineInline(admin.TabularInline):
    model = Byline


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    inlines = [BylineInline]
