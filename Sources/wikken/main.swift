import WikkenCLI

Wikken.main()
