from qms_cli.cli.main import main

main()
