Console.WriteLine("MedLedger benchmarks");
return 0;
