package config

import "os"

func readREADME() (string, error) {
	b, err := os.ReadFile("../../README.md")
	return string(b), err
}
