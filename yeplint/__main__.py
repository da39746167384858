from yeplint.cli import main

main()
