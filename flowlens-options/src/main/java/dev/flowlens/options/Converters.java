package dev.flowlens.options;

import dev.flowlens.core.error.ErrorCodeSupplier;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.net.Cidr;
import dev.flowlens.core.net.IpAddress;
import dev.flowlens.core.net.Port;
import dev.flowlens.core.time.TimePoint;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The converters of the values options take, registered once on a command line (the CLI's root and
 * the Spark application's) so that every command reads an address, a block, a port or a time the
 * same way and refuses a bad one with the same message: picocli's {@code Invalid value for option
 * '--port': } followed by the domain's reason. A refused value is a {@link ValueException}, which
 * keeps the domain's error code.
 */
public final class Converters {
    private Converters() {}

    /** {@code cl} (and its subcommands) with the converters of {@link Cidr}, {@link IpAddress}, {@link Port} and {@link TimePoint}. */
    public static CommandLine register(CommandLine cl) {
        return cl.registerConverter(Cidr.class, converter(Cidr::parse))
                .registerConverter(IpAddress.class, converter(IpAddress::parse))
                .registerConverter(Port.class, converter(Port::parse))
                .registerConverter(TimePoint.class, converter(TimePoint::parse));
    }

    private static <T> ITypeConverter<T> converter(Function<String, T> parse) {
        return text -> {
            try {
                return parse.apply(text);
            } catch (FlowlensException e) {
                throw new ValueException(e);
            }
        };
    }

    /** The code of the value a parameter exception refused, or null when it is another kind of mistake. */
    public static ErrorCodeSupplier codeOf(CommandLine.ParameterException e) {
        return e.getCause() instanceof ValueException v ? v.code() : null;
    }

    /** A value an option refused, with the domain's reason and error code. */
    public static final class ValueException extends TypeConversionException {
        private static final long serialVersionUID = 1L;

        /** Not serialised with the exception: the code is an enum of the domain or a module. */
        private final transient ErrorCodeSupplier code;

        ValueException(FlowlensException cause) {
            super(cause.getMessage());
            this.code = cause.code();
        }

        public ErrorCodeSupplier code() {
            return code;
        }
    }
}
