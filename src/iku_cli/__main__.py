from iku_cli.cli import main

main()
