from django.contrib import admin

from .convert import Converter
from .models import EditionSettings, GlossaryTerm
from .service import current_converter


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(admin.ModelAdmin):
    list_display = ["simplified", "traditional", "converted_without_term", "note", "updated_at"]
    search_fields = ["simplified", "traditional", "note"]
    fields = ["simplified", "traditional", "note"]

    @admin.display(description="不加此词时的转换")
    def converted_without_term(self, obj):
        # Shows the editor what OpenCC alone would print, i.e. what this entry fixes.
        return Converter.build(regional_vocabulary=current_converter().regional_vocabulary).convert(obj.simplified)


@admin.register(EditionSettings)
class EditionSettingsAdmin(admin.ModelAdmin):
    list_display = ["__str__", "regional_vocabulary", "updated_at"]
    fields = ["regional_vocabulary"]

    def has_add_permission(self, request):
        return not EditionSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
