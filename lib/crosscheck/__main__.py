from crosscheck.running.cli import main

raise SystemExit(main())
