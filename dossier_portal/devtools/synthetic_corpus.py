"""Generate (or remove) the synthetic corpus that `make bench-scale` measures."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from dossier_portal.devtools.benchmark import synthetic


class Command(BaseCommand):
    help = (
        "Fill a database of its own with synthetic content (slugs synthetic-…) for scale "
        "benchmarks, or remove it with --remove."
    )

    def add_arguments(self, parser):
        defaults = synthetic.CorpusSize()
        parser.add_argument("--measures", type=int, default=defaults.measures)
        parser.add_argument(
            "--milestones-per-measure", type=int, default=defaults.milestones_per_measure
        )
        parser.add_argument("--articles", type=int, default=defaults.articles)
        parser.add_argument("--organisations", type=int, default=defaults.organisations)
        parser.add_argument("--remove", action="store_true", help="delete the synthetic records")

    def handle(self, *args, **options):
        database = connection.settings_dict["NAME"]
        if options["remove"]:
            removed = synthetic.remove()
            self.stdout.write(f"Removed {removed} synthetic records from {database}.")
            return
        if synthetic.holds_real_content():
            raise CommandError(
                f"{database} holds real content: generate the synthetic corpus into a database "
                "of its own (make bench-scale uses one)."
            )
        size = synthetic.CorpusSize(
            measures=options["measures"],
            milestones_per_measure=options["milestones_per_measure"],
            articles=options["articles"],
            organisations=options["organisations"],
        )
        synthetic.generate(size)
        self.stdout.write(f"Generated {size} in {database}.")


if __name__ == "__main__":
    from dossier_portal.devtools import run_command

    run_command(Command, "synthetic_corpus")
