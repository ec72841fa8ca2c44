from django.contrib import admin

from .models import AuditEntry, SectionAssignment


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The desk-wide audit trail: readable by staff, writable by no one through the admin."""

    list_display = ["at", "actor_name", "action", "stage", "article_link", "from_status_label", "to_status_label", "comment"]
    list_filter = ["action", "at"]
    search_fields = ["article_title", "actor_name", "comment"]
    date_hierarchy = "at"
    list_select_related = ["article"]

    @admin.display(description="稿件", ordering="article_title")
    def article_link(self, obj):
        return obj.article_title

    @admin.display(description="原状态")
    def from_status_label(self, obj):
        return obj.from_status_label

    @admin.display(description="新状态")
    def to_status_label(self, obj):
        return obj.to_status_label

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SectionAssignment)
class SectionAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "section"]
    list_filter = ["section"]
    list_select_related = ["user", "section"]
    autocomplete_fields = ["section"]
    raw_id_fields = ["user"]
