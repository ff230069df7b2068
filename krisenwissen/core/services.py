from krisenwissen.taxonomy.models import CrisisType, TargetGroup, Theme


def home_entry_points() -> dict:
    """Entry points on the home page: every theme, crisis type and target group that has content."""
    return {
        "themes": Theme.objects.all(),
        "crisis_types": CrisisType.objects.all(),
        "target_groups": TargetGroup.objects.all(),
    }
