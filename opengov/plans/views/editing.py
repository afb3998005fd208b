"""Government editors' pages: action plans, commitments, milestones and progress updates."""

urlpatterns: list = []
