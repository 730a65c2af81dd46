import { serve } from "../_shared/serve.ts";
import { handler, maxBodyBytes } from "./handler.ts";

serve("health", handler, [], { maxBodyBytes });
