"""Members can be followed (loaded by the following app; see opengov/following/registry.py)."""

from opengov.following.registry import followable

from .models import Member

followable(Member, public=lambda: Member.objects.all())
