from councilgraph.cli import main

main()
