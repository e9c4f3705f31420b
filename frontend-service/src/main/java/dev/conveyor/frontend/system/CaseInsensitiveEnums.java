package dev.conveyor.frontend.system;

import java.util.Locale;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.converter.ConverterFactory;

/**
 * Binds request parameters to enums whatever their case ({@code ?state=running}), for every controller: a blank
 * value is no filter, an unknown name fails the conversion and is answered with a 400 that lists the names.
 */
@SuppressWarnings({"rawtypes", "unchecked"})
final class CaseInsensitiveEnums implements ConverterFactory<String, Enum> {

    @Override
    public <T extends Enum> Converter<String, T> getConverter(Class<T> type) {
        return source -> source.isBlank() ? null : (T) Enum.valueOf(type, source.trim().toUpperCase(Locale.ROOT));
    }
}
