using SeedanceBot.Testing.Postgres;

// One throwaway cluster for the whole run; each test takes a fresh database on it.
[assembly: AssemblyFixture(typeof(PostgresCluster))]
