from factsheet.app import main

main()
