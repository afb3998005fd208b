"""Members can be followed (loaded by the following app; see opengov/core/followables.py)."""

from opengov.core.followables import followable

from .models import Member

followable(Member, public=lambda: Member.objects.all())
