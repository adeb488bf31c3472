using System;
using System.IO;
using Durability.PowerLoss.Writer;

// Usage:
//   wal <directory> <sync|batch> <batch sync count>   appends from four threads until killed (see WalWriter)
//   replace <path>                                   DurableFile.WriteAllText of generation after generation
//   naive-replace <path>                             the same with File.WriteAllText to a temp file and File.Move
//   rewrite-in-place <path>                          the same by emptying the file (FileMode.Create) and writing it again
//   rewrite-in-place-fsynced <path>                  the same with Flush(flushToDisk: true) before the stream closes (DUR004's fix)
// Every line printed on stdout is an acknowledgement, printed only after the call it reports returned.
var output = TextWriter.Synchronized(Console.Out);
switch (args[0])
{
    case "wal":
        WalWriter.Run(args[1], args[2] == "batch", int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture), output);
        break;
    case "replace":
    case "naive-replace":
    case "rewrite-in-place":
    case "rewrite-in-place-fsynced":
        for (var generation = 1; ; generation++)
        {
            var contents = Generations.Contents(generation);
            switch (args[0])
            {
                case "replace":
                    Durability.Runtime.DurableFile.WriteAllText(args[1], contents);
                    break;
                case "naive-replace":
                    File.WriteAllText(args[1] + ".tmp", contents);
                    File.Move(args[1] + ".tmp", args[1], overwrite: true);
                    break;
                default:
                    using (var file = new FileStream(args[1], FileMode.Create))
                    {
                        file.Write(System.Text.Encoding.UTF8.GetBytes(contents));
                        if (args[0] == "rewrite-in-place-fsynced")
                        {
                            file.Flush(flushToDisk: true);
                        }
                    }

                    break;
            }

            output.WriteLine($"ack {generation}");
            output.Flush();
        }

    default:
        Console.Error.WriteLine($"unknown command {args[0]}");
        return 2;
}

return 0;
