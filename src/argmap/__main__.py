from argmap.cli import console

console()
