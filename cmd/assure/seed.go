package main

import (
	"context"

	"assure/services/demo"
)

func runSeed(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "seed", "seed --demo\n\nLoads the demo trust (users, catalogue, two years of data). Safe to run twice.")
	isDemo := fs.Bool("demo", false, "load the demo trust")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if !*isDemo || fs.NArg() > 0 {
		fs.Usage()
		return usageError{"say --demo: it is the only data set there is"}
	}
	cfg, err := loadConfig(e, false)
	if err != nil {
		return err
	}
	a, err := openApp(ctx, cfg, newLogger(e.stderr, cfg.LogFormat))
	if err != nil {
		return err
	}
	defer a.DB.Close()
	if _, err := a.DB.MigrateUp(ctx); err != nil {
		return err
	}
	return demo.Seed(ctx, a, e.stdout)
}
