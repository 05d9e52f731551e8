"""The `councilgraph` command: one click group; each command lives beside the library it drives."""

from __future__ import annotations

import click

from councilgraph import __version__


@click.group(
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="Run `councilgraph COMMAND --help` for the options and examples of each command.",
)
@click.version_option(__version__, prog_name="councilgraph")
def main() -> None:
    """councilgraph: city-council documents as a knowledge graph and linked open data.

    \b
    Quick start:
      councilgraph ingest examples/documents/
      councilgraph serve
      councilgraph query 'SELECT ?m ?title WHERE { ?m a cg:Motion ; dcterms:title ?title }'
    """


def _register() -> None:
    from councilgraph import commands as core_commands
    from ingest import commands as ingest_commands
    from ingest.oparl import commands as oparl_commands
    from server import commands as server_commands

    for module in (ingest_commands, oparl_commands, core_commands, server_commands):
        for command in module.COMMANDS:
            main.add_command(command)


_register()
